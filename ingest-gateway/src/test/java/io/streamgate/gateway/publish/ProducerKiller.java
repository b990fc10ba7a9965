package io.streamgate.gateway.publish;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Kills the real producer's network thread the way an {@link OutOfMemoryError} does: once armed, the next
 * acknowledgement of a record of {@link #TOPIC} throws an {@code Error} on that thread, which Kafka's sender does not
 * catch. Nothing else about the producer or the broker is touched.
 */
public class ProducerKiller implements ProducerInterceptor<Object, Object> {

    static final String TOPIC = "producer.killer";
    private static final AtomicBoolean ARMED = new AtomicBoolean();

    static void arm() {
        ARMED.set(true);
    }

    @Override
    public ProducerRecord<Object, Object> onSend(ProducerRecord<Object, Object> record) {
        return record;
    }

    @Override
    public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
        if (metadata != null && TOPIC.equals(metadata.topic()) && ARMED.compareAndSet(true, false)) {
            throw new OutOfMemoryError("simulated: the producer's network thread dies");
        }
    }

    @Override
    public void close() {
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }
}
