package io.streamgate.poller.cursor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.streamgate.core.contract.ContractReader;
import io.streamgate.core.contract.ContractRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;

/**
 * The compacted cursor topic: one record per source (key = source id, or {@code <id>@backfill} for a backfill in
 * progress), each a CloudEvent whose data is the {@link CursorState} as JSON. Read {@code read_committed}, so a
 * cursor from an aborted or unfinished transaction never comes back.
 */
public final class CursorStore {

    public static final String TYPE = "io.streamgate.poller.cursor";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String topic;

    public CursorStore(String topic) {
        this.topic = topic;
    }

    /** The record that stores {@code state} under {@code key}; it goes into the same transaction as the page. */
    public ContractRecord record(String key, CursorState state) {
        try {
            byte[] data = JSON.writeValueAsBytes(state);
            CloudEvent event = ContractRecord.event(key + "@" + Instant.now().toEpochMilli(),
                    URI.create("/poller/cursors"), TYPE, OffsetDateTime.now(ZoneOffset.UTC), "application/json",
                    data).build();
            return new ContractRecord(topic, key, event, Map.of());
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
        List<TopicPartition> partitions = keys.stream().map(key -> partition(key, count)).distinct().toList();
        Map<TopicPartition, Long> end = ends.endOffsets(partitions, timeout);
        committed.assign(partitions);
        committed.seekToBeginning(partitions);
        Map<String, CursorState> states = keys.stream().collect(Collectors.toMap(k -> k, k -> CursorState.EMPTY));
        Instant deadline = Instant.now().plus(timeout);
        while (partitions.stream().anyMatch(p -> committed.position(p, timeout) < end.get(p))) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("cursor topic " + topic + " not read to " + end + " within "
                        + timeout + ": a transaction stays open longer than the producers' transaction timeout");
            }
            for (ConsumerRecord<String, byte[]> record : committed.poll(Duration.ofMillis(200))) {
                if (keys.contains(record.key())) {
                    states.put(record.key(), decode(record));
                }
            }
        }
        return states;
    }

    /** The partition the producer's default partitioner puts {@code key} in (murmur2 of its UTF-8 bytes). */
    private TopicPartition partition(String key, int count) {
        return new TopicPartition(topic, Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % count);
    }

    private static CursorState decode(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return CursorState.EMPTY;
        }
        try {
            return JSON.readValue(ContractReader.read(record).getData().toBytes(), CursorState.class);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable cursor under key " + record.key(), e);
        }
    }
}
