package io.streamgate.poller.produce;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventSerializer;
import io.streamgate.core.producer.DurableProducerSettings;
import io.streamgate.core.trace.RecordTracing;
import io.streamgate.poller.cursor.CursorState;
import io.streamgate.poller.cursor.CursorStore;
import io.streamgate.poller.source.PollerProperties;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.stereotype.Component;

/**
 * Builds each source's Kafka clients from Spring Boot's {@code spring.kafka.*} settings (so operators tune them
 * there, not through knobs of ours), with the durable settings of ingest-core and a per-source transactional id.
 */
@Component
public class KafkaClients {

    private final KafkaProperties kafka;
    private final PollerProperties poller;
    private final RecordTracing tracing;
    private Producer<String, CloudEvent> requests;

    @Autowired
    KafkaClients(KafkaProperties kafka, PollerProperties poller, RecordTracing tracing) {
        this.kafka = kafka;
        this.poller = poller;
        this.tracing = tracing;
    }

    KafkaClients(KafkaProperties kafka, PollerProperties poller) {
        this(kafka, poller, RecordTracing.OFF);
    }

    /** The span each page's transaction runs in, and the trace headers of its records. */
    public RecordTracing tracing() {
        return tracing;
    }

    public String transactionalId(String sourceId) {
        return poller.transactionalIdPrefix() + "-" + sourceId;
    }

    public Producer<String, CloudEvent> producer(String sourceId) {
        Map<String, Object> config = DurableProducerSettings.apply(kafka.buildProducerProperties(null));
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId(sourceId));
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "poller-" + sourceId);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, CloudEventSerializer.class);
        return new KafkaProducer<>(config);
    }

    /**
     * Stores {@code state} under {@code key} outside any run's transaction (idempotent, acks=all) and waits for the
     * broker's ack: for what an operator asks between runs, such as a backfill, so that a 202 is durable.
     */
    public synchronized void recordCursor(CursorStore store, String key, CursorState state, Duration timeout) {
        if (requests == null) {
            Map<String, Object> config = DurableProducerSettings.apply(kafka.buildProducerProperties(null));
            config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
            config.put(ProducerConfig.CLIENT_ID_CONFIG, "poller-requests");
            config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
            config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, CloudEventSerializer.class);
            requests = new KafkaProducer<>(config);
        }
        try {
            for (var record : store.records(key, CursorState.EMPTY, state)) {
                requests.send(record).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while recording " + key, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not record " + key + " in Kafka: " + e.getMessage(), e);
        }
    }

    @PreDestroy
    synchronized void close() {
        if (requests != null) {
            requests.close(Duration.ofSeconds(5));
        }
    }

    /**
     * The lease consumer: one group per transactional-id prefix, so replicas of one poller share its sources; a
     * killed replica's sources move after {@code failover-after} (its session timeout).
     */
    public KafkaConsumer<byte[], byte[]> leaseConsumer() {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties(null));
        config.put(ConsumerConfig.GROUP_ID_CONFIG, poller.transactionalIdPrefix() + "-leases");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "poller-leases");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) poller.failoverAfter().toMillis());
        config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) poller.failoverAfter().toMillis() / 4);
        config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                CooperativeStickyAssignor.class.getName());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return new KafkaConsumer<>(config);
    }

    /**
     * A consumer without a group (partitions are assigned by hand) that sees only committed transactions, or, with
     * {@code committed} false, every record (to learn the offsets that exist, open transactions included).
     */
    public Consumer<String, byte[]> cursorReader(String sourceId, boolean committed) {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties(null));
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "poller-cursor-" + sourceId + (committed ? "" : "-ends"));
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, committed ? "read_committed" : "read_uncommitted");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return new KafkaConsumer<>(config);
    }
}
