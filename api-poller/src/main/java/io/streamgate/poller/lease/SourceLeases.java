package io.streamgate.poller.lease;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which sources this replica may poll. Every replica with the same transactional-id prefix joins one Kafka
 * consumer group on the lease topic; a source belongs to whoever is assigned its partition (the hash of its id).
 * Kafka's group protocol does the rest: a replica that stops or is killed loses its partitions to the others
 * after its session times out, a replica that joins takes a share. The lease only avoids two replicas polling one
 * source; exactly-once never rests on it: a new owner's {@code initTransactions} fences the old one first, so a
 * replica that still believes it owns a source can no longer commit to it.
 */
public final class SourceLeases implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SourceLeases.class);

    private final String topic;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<Integer, Long> owned = new ConcurrentHashMap<>();
    private final AtomicLong assignments = new AtomicLong();
    private final Consumer<Collection<Integer>> onAssigned;
    private volatile int partitions;
    private volatile boolean running = true;
    private final Thread thread;

    /** @param onAssigned told of the partitions this replica has just gained (to run their sources now) */
    public SourceLeases(String topic, KafkaConsumer<byte[], byte[]> consumer,
            Consumer<Collection<Integer>> onAssigned) {
        this.topic = topic;
        this.consumer = consumer;
        this.onAssigned = onAssigned;
        this.thread = new Thread(this::loop, "poller-leases");
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /**
     * The lease of {@code sourceId} as held now: a number that changes whenever this replica gains its partition
     * anew (so a worker knows to reload its cursor), or null when this replica does not hold it.
     */
    public Long lease(String sourceId) {
        int count = partitions;
        return count == 0 ? null : owned.get(partition(sourceId, count));
    }

    public static int partition(String sourceId, int count) {
        return Utils.toPositive(Utils.murmur2(sourceId.getBytes(StandardCharsets.UTF_8))) % count;
    }

    private void loop() {
        try {
            partitions = consumer.partitionsFor(topic).size();
            consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
                    revoked.forEach(p -> owned.remove(p.partition()));
                }

                @Override
                public void onPartitionsLost(Collection<TopicPartition> lost) {
                    lost.forEach(p -> owned.remove(p.partition()));
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
                    assigned.forEach(p -> owned.put(p.partition(), assignments.incrementAndGet()));
                    LOG.info("source leases now held: partitions {} of {}", owned.keySet(), topic);
                    onAssigned.accept(assigned.stream().map(TopicPartition::partition).toList());
                }
            });
            while (running) {
                consumer.poll(Duration.ofMillis(500)); // the topic stays empty: polling keeps the membership
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            owned.clear();
            consumer.close(Duration.ofSeconds(5)); // leaves the group: the others take over at once
        }
    }

    /** The lease topic's partitions (0 until the lease consumer has learnt them). */
    public int partitionCount() {
        return partitions;
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
