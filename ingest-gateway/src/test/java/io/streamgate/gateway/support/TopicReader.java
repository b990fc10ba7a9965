package io.streamgate.gateway.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestComponent;

/**
 * Reads what the gateway wrote, from the beginning of a topic, {@code read_committed}, as the aggregator would.
 * Absence is proven without waiting on a clock: send a later, valid marker request and read up to its record.
 */
@TestComponent
public class TopicReader {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private final String bootstrapServers;

    TopicReader(@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** Every record of the topic once at least {@code expected} are there; fails after the deadline. */
    public List<ConsumerRecord<byte[], byte[]>> awaitRecords(String topic, int expected) {
        List<ConsumerRecord<byte[], byte[]>> records = readUntil(topic, all -> all.size() >= expected);
        assertThat(records).hasSize(expected);
        return records;
    }

    /** Every record of the topic up to and including the first whose {@code ce_id} is {@code markerId}. */
    public List<ConsumerRecord<byte[], byte[]>> readUpTo(String topic, String markerId) {
        List<ConsumerRecord<byte[], byte[]>> records =
                readUntil(topic, all -> !all.isEmpty() && markerId.equals(ceId(all.get(all.size() - 1))));
        // what a caller checks is absent is proven absent only up to the marker: without it, nothing is proven
        assertThat(records).as("records of %s up to the marker %s", topic, markerId)
                .anyMatch(record -> markerId.equals(ceId(record)));
        return records;
    }

    public static String ceId(ConsumerRecord<?, ?> record) {
        var header = record.headers().lastHeader("ce_id");
        return header == null ? null : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
    }

    private List<ConsumerRecord<byte[], byte[]>> readUntil(String topic,
            Predicate<List<ConsumerRecord<byte[], byte[]>>> done) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    records.add(record);
                    if (done.test(records)) {
                        // one more poll: a record beyond the expected ones would show up here
                        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                        return records;
                    }
                }
            }
        }
        return records;
    }
}
