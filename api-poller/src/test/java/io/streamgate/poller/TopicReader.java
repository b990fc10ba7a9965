package io.streamgate.poller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.cloudevents.CloudEvent;
import io.streamgate.core.contract.ContractReader;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a whole topic as a consumer of the contract does: {@code read_committed}, through the CloudEvents SDK. */
public final class TopicReader {

    private TopicReader() {
    }

    public static List<ConsumerRecord<String, byte[]>> records(String bootstrap, String topic) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    public static List<CloudEvent> events(String bootstrap, String topic) {
        return records(bootstrap, topic).stream().map(ContractReader::read).toList();
    }

    /** How many times each ce_id occurs. */
    public static Map<String, Long> idCounts(String bootstrap, String topic) {
        return events(bootstrap, topic).stream()
                .collect(Collectors.groupingBy(CloudEvent::getId, Collectors.counting()));
    }

    /**
     * For a feed whose rows change (ids {@code :id|:updated_at}): waits until the topic holds every row as it
     * stands now, then asserts that it holds no version twice and none that was never published (a version
     * superseded before any run read it may be missing).
     */
    public static void holdsEachVersionOnce(String bootstrap, String topic, List<String> current,
            Set<String> published) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(idCounts(bootstrap, topic).keySet())
                .as("the versions in %s", topic).containsAll(current));
        Map<String, Long> counts = idCounts(bootstrap, topic);
        assertThat(counts.keySet()).as("versions in %s that were never published", topic)
                .isSubsetOf(published);
        assertThat(counts).as("versions in %s more than once", topic).allSatisfy((id, n) -> assertThat(n).isOne());
    }

    /** Waits until the topic holds exactly the expected ids, then asserts that it holds each of them once. */
    public static void holdsEachIdOnce(String bootstrap, String topic, List<String> expectedIds) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(idCounts(bootstrap, topic).keySet())
                .as("the ids in %s", topic).containsExactlyInAnyOrderElementsOf(expectedIds));
        assertThat(idCounts(bootstrap, topic).values()).as("how often each id is in %s", topic).containsOnly(1L);
    }
}
