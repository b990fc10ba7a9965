package io.streamgate.aggregator.lake;

/** A job that must not start as asked (its tables or checkpoint disagree); the message says what to do instead. */
public final class StartRefused extends IllegalStateException {

    public StartRefused(String message) {
        super(message);
    }
}
