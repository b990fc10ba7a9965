package io.streamgate.poller.produce;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.cloudevents.CloudEvent;
import io.streamgate.core.contract.ContractRecord;
import io.streamgate.core.trace.RecordTracing;
import io.streamgate.poller.cursor.CursorState;
import io.streamgate.poller.cursor.CursorStore;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ProducerFencedException;

/**
 * A source's transactional producer ({@code transactional.id = <prefix>-<source id>}): each page's records and the
 * source's new cursor are committed together, or not at all. Opening it fences any older instance that still holds
 * the same id, so two pollers can never both write a source.
 */
public final class SourceWriter implements AutoCloseable {

    private final Producer<String, CloudEvent> producer;
    private final CursorStore cursors;
    private final RecordTracing tracing;

    /** What each cursor key holds as of the last commit: a page rewrites only the parts of it that changed. */
    private final Map<String, CursorState> committed;

    private SourceWriter(Producer<String, CloudEvent> producer, CursorStore cursors,
            Map<String, CursorState> committed, RecordTracing tracing) {
        this.producer = producer;
        this.cursors = cursors;
        this.committed = new HashMap<>(committed);
        this.tracing = tracing;
    }

    /**
     * Initialises the transactions (fencing older owners and aborting what they left open), then reads the
     * committed cursors under {@code keys}.
     */
    public static Opened open(Producer<String, CloudEvent> producer, Consumer<String, byte[]> committed,
            Consumer<String, byte[]> ends, CursorStore cursors, Set<String> keys, Duration timeout) {
        return open(producer, committed, ends, cursors, keys, timeout, RecordTracing.OFF);
    }

    /** As above; each page's transaction runs in a span of its own, whose context its records carry. */
    public static Opened open(Producer<String, CloudEvent> producer, Consumer<String, byte[]> committed,
            Consumer<String, byte[]> ends, CursorStore cursors, Set<String> keys, Duration timeout,
            RecordTracing tracing) {
        try {
            producer.initTransactions();
            Map<String, CursorState> states = cursors.load(committed, ends, keys, timeout);
            return new Opened(new SourceWriter(producer, cursors, states, tracing), states);
        } catch (RuntimeException e) {
            producer.close(Duration.ZERO);
            throw e;
        }
    }

    /** A writer and the cursors it starts from. */
    public record Opened(SourceWriter writer, Map<String, CursorState> states) {
    }

    /**
     * Writes {@code records} and {@code state} (under {@code cursorKey}) in one transaction. On any failure the
     * transaction is aborted (nothing of it becomes visible to {@code read_committed} readers) and the exception
     * is rethrown; the writer must then be closed and reopened, which reloads the committed cursor.
     */
    public void commit(List<ContractRecord> records, String cursorKey, CursorState state) {
        tracing.inNewSpan("streamgate.poller.page", trace -> {
            send(records, Map.of(cursorKey, state), trace);
            return null;
        });
    }

    /** Writes {@code states} (by cursor key) in one transaction without records, failing as {@link #commit} does. */
    public void store(Map<String, CursorState> states) {
        send(List.of(), states, Map.of());
    }

    private void send(List<ContractRecord> records, Map<String, CursorState> states, Map<String, String> trace) {
        try {
            producer.beginTransaction();
            for (ContractRecord record : records) {
                // no per-send future to check: commitTransaction() throws if any send of the transaction failed
                producer.send(record.toProducerRecord(trace));
            }
            states.forEach((key, state) -> cursors.records(key, committed.getOrDefault(key, CursorState.EMPTY), state)
                    .forEach(producer::send));
            producer.commitTransaction();
            committed.putAll(states);
        } catch (ProducerFencedException e) {
            throw new FencedException(e);
        } catch (KafkaException e) {
            abortQuietly(e);
            throw e;
        }
    }

    private void abortQuietly(KafkaException cause) {
        try {
            producer.abortTransaction();
        } catch (KafkaException e) {
            cause.addSuppressed(e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }

    /** Another instance opened this source's transactional id: this one must stop writing it. */
    public static final class FencedException extends RuntimeException {
        FencedException(ProducerFencedException cause) {
            super("fenced by a newer instance with the same transactional.id", cause);
        }
    }
}
