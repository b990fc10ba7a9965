package io.streamgate.gateway.publish;

import java.time.Duration;
import java.util.Map;

/**
 * Kafka did not acknowledge every record of a request in time; the caller must be told to retry, and which of its
 * records were stored ({@link #report()}: {@code stored}, {@code unconfirmed}, as index ranges).
 */
public class KafkaUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Duration retryAfter;
    private final transient Map<String, Object> report;

    KafkaUnavailableException(String message, Duration retryAfter, Map<String, Object> report, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
        this.report = report;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    public Map<String, Object> report() {
        return report;
    }
}
