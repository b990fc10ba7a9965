package io.streamgate.testsupport.kafka;

/**
 * A real Kafka broker that tests talk to. {@link #stop()} and {@link #start()} let a test take the broker away and
 * bring it back on the same address with the same data, to check what a client does during an outage.
 */
public interface KafkaBroker extends AutoCloseable {

    String bootstrapServers();

    /** Whether {@link #stop()} and {@link #start()} are supported (not for an external broker). */
    boolean restartable();

    /** Starts the broker (again) and waits until it serves. */
    void start();

    /** Stops the broker cleanly and waits until it is gone; its data stays. */
    void stop();

    @Override
    void close();
}
