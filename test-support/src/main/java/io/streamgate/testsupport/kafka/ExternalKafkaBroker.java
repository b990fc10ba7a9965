package io.streamgate.testsupport.kafka;

/** A broker someone else runs ({@code -Dkafka.bootstrap=host:port}); it cannot be stopped from a test. */
record ExternalKafkaBroker(String bootstrapServers) implements KafkaBroker {

    @Override
    public boolean restartable() {
        return false;
    }

    @Override
    public void start() {
        throw new IllegalStateException("an external broker (-Dkafka.bootstrap) cannot be started by a test");
    }

    @Override
    public void stop() {
        throw new IllegalStateException("an external broker (-Dkafka.bootstrap) cannot be stopped by a test");
    }

    @Override
    public void close() {
        // not ours to stop
    }
}
