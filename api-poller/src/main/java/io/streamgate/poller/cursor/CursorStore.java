package io.streamgate.poller.cursor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.streamgate.core.contract.ContractReader;
import io.streamgate.core.contract.ContractRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;

/**
 * The compacted cursor topic: one record per source (key = source id, or {@code <id>@backfill} for a backfill in
 * progress), each a CloudEvent whose data is the {@link CursorState} as JSON, with its large maps in part records
 * beside it ({@link StateParts}). Read {@code read_committed}, so a
 * cursor from an aborted or unfinished transaction never comes back.
 */
public final class CursorStore {

    public static final String TYPE = "io.streamgate.poller.cursor";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final JavaType STATE = JSON.constructType(CursorState.class);
    private static final JavaType PART = JSON.getTypeFactory().constructMapType(Map.class, String.class,
            String.class);

    private final String topic;
    private volatile int partitions;

    public CursorStore(String topic) {
        this.topic = topic;
    }

    /**
     * The records that store {@code after} under {@code key}, where {@code before} was stored: the main record and
     * the parts that changed ({@link StateParts}), all in the key's partition. They go into the same transaction as
     * the page. Call after {@link #load}, which learns the topic's partitions.
     */
    public List<ProducerRecord<String, CloudEvent>> records(String key, CursorState before, CursorState after) {
        Integer partition = partitions > 0 ? partition(key, partitions).partition() : null;
        List<ProducerRecord<String, CloudEvent>> records = new ArrayList<>();
        records.add(new ProducerRecord<>(topic, partition, key, event(key, StateParts.main(after))));
        StateParts.changed(key, before, after).forEach((partKey, content) ->
                records.add(new ProducerRecord<>(topic, partition, partKey, event(partKey, content))));
        return records;
    }

    private static CloudEvent event(String key, Object data) {
        try {
            return ContractRecord.event(key + "@" + Instant.now().toEpochMilli(), URI.create("/poller/cursors"),
                    TYPE, OffsetDateTime.now(ZoneOffset.UTC), "application/json", JSON.writeValueAsBytes(data))
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The latest committed state under each of {@code keys} (absent keys map to {@link CursorState#EMPTY}).
     * Call after the source's producer has initialised its transactions: that aborts what a fenced instance of
     * this source left open. Other sources may have a transaction open on the same partition, and a
     * {@code read_committed} read stops at the last stable offset before it, which would hide a newer cursor of
     * this source committed after it began. So the read goes on until it has passed every offset that existed
     * when it started ({@code ends}, taken {@code read_uncommitted}): it waits those transactions out (they end
     * within the producers' {@code transaction.timeout.ms}). Only the partitions the keys hash to are read.
     */
    public Map<String, CursorState> load(Consumer<String, byte[]> committed, Consumer<String, byte[]> ends,
            Set<String> keys, Duration timeout) {
        int count = committed.partitionsFor(topic, timeout).size();
        this.partitions = count;
        List<TopicPartition> assigned = keys.stream().map(key -> partition(key, count)).distinct().toList();
        Map<TopicPartition, Long> end = ends.endOffsets(assigned, timeout);
        committed.assign(assigned);
        committed.seekToBeginning(assigned);
        Map<String, CursorState> states = keys.stream().collect(Collectors.toMap(k -> k, k -> CursorState.EMPTY));
        Map<String, Map<String, Map<String, String>>> parts = new HashMap<>();
        Instant deadline = Instant.now().plus(timeout);
        while (assigned.stream().anyMatch(p -> committed.position(p, timeout) < end.get(p))) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("cursor topic " + topic + " not read to " + end + " within "
                        + timeout + ": a transaction stays open longer than the producers' transaction timeout");
            }
            for (ConsumerRecord<String, byte[]> record : committed.poll(Duration.ofMillis(200))) {
                String owner = StateParts.owner(record.key());
                if (keys.contains(record.key())) {
                    states.put(record.key(), decode(record, STATE, CursorState.EMPTY));
                } else if (owner != null && keys.contains(owner)) {
                    parts.computeIfAbsent(owner, k -> new HashMap<>()).put(record.key(),
                            decode(record, PART, Map.of()));
                }
            }
        }
        parts.forEach((key, content) -> states.put(key, StateParts.assemble(states.get(key), content)));
        return states;
    }

    /** The partition the producer's default partitioner puts {@code key} in (murmur2 of its UTF-8 bytes). */
    private TopicPartition partition(String key, int count) {
        return new TopicPartition(topic, Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % count);
    }

    private static <T> T decode(ConsumerRecord<String, byte[]> record, JavaType type, T absent) {
        if (record.value() == null) {
            return absent;
        }
        try {
            return JSON.readValue(ContractReader.read(record).getData().toBytes(), type);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable cursor under key " + record.key(), e);
        }
    }
}
