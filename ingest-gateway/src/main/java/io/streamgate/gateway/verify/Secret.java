package io.streamgate.gateway.verify;

/**
 * A configured signing secret. Its {@link #toString()} hides the value, so that no log line, start-up failure report
 * ("Value: ...") or actuator page can print it by accident; only the verifiers read {@link #value()}.
 */
public record Secret(String value) {

    @Override
    public String toString() {
        return "******";
    }
}
