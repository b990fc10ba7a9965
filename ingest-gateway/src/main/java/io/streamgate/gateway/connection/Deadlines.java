package io.streamgate.gateway.connection;

import java.time.Duration;

/**
 * When a client that is sending a request too slowly is cut off. Time counts only while the gateway waits on the
 * client (it wants bytes and none are there), so a client is never charged for the gateway's own slowness.
 *
 * @param headerTimeoutNanos a request's line and headers must be complete within this much waiting
 * @param minBodyBytesPerSecond once a body has been waited on for {@code headerTimeoutNanos}, its average rate
 *     since the headers must be at least this
 */
record Deadlines(long headerTimeoutNanos, long minBodyBytesPerSecond) {

    enum Phase { IDLE, HEADERS, BODY, HANDLING }

    enum Verdict { ON_TIME, HEADERS_TOO_SLOW, BODY_TOO_SLOW }

    static Deadlines of(ConnectionProperties properties) {
        return new Deadlines(properties.headerTimeout().toNanos(), properties.minBodyRate().toBytes());
    }

    /**
     * @param waitedNanos how long the gateway has waited on the client in this phase of this request
     * @param bytes bytes received in this phase
     */
    Verdict judge(Phase phase, long waitedNanos, long bytes) {
        return switch (phase) {
            case HEADERS -> waitedNanos > headerTimeoutNanos ? Verdict.HEADERS_TOO_SLOW : Verdict.ON_TIME;
            case BODY -> waitedNanos > headerTimeoutNanos
                    && bytes * 1_000_000_000.0 / waitedNanos < minBodyBytesPerSecond
                    ? Verdict.BODY_TOO_SLOW : Verdict.ON_TIME;
            case IDLE, HANDLING -> Verdict.ON_TIME;
        };
    }

    String describe(Verdict verdict) {
        return switch (verdict) {
            case HEADERS_TOO_SLOW -> "request headers not complete within " + Duration.ofNanos(headerTimeoutNanos);
            case BODY_TOO_SLOW -> "request body slower than " + minBodyBytesPerSecond + " bytes/s";
            case ON_TIME -> "on time";
        };
    }
}
