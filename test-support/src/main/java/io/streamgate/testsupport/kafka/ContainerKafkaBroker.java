package io.streamgate.testsupport.kafka;

import org.testcontainers.kafka.KafkaContainer;

/**
 * A broker in a Docker container ({@code -Dkafka.broker=testcontainers}), for machines that have Docker. Needs
 * {@code org.testcontainers:kafka} on the test classpath. A container cannot be restarted on the same port, so
 * outage tests are skipped with it.
 */
final class ContainerKafkaBroker implements KafkaBroker {

    static final String IMAGE = "apache/kafka:4.1.1";

    private final KafkaContainer container;

    ContainerKafkaBroker() {
        container = new KafkaContainer(IMAGE);
        container.start();
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public boolean restartable() {
        return false;
    }

    @Override
    public void start() {
        throw new IllegalStateException("a Testcontainers broker cannot be restarted on the same port");
    }

    @Override
    public void stop() {
        throw new IllegalStateException("a Testcontainers broker cannot be restarted on the same port");
    }

    @Override
    public void close() {
        container.stop();
    }
}
