package io.streamgate.gateway.publish;

import java.time.Duration;

/** Kafka did not acknowledge every record of a request in time; the caller must be told to retry. */
public class KafkaUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Duration retryAfter;

    KafkaUnavailableException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
