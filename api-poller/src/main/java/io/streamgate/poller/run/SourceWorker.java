package io.streamgate.poller.run;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.streamgate.poller.cursor.CursorState;
import io.streamgate.poller.cursor.CursorStore;
import io.streamgate.poller.cursor.SourceSpec;
import io.streamgate.poller.fetch.FetchException;
import io.streamgate.poller.fetch.SourceFetcher;
import io.streamgate.poller.produce.KafkaClients;
import io.streamgate.poller.produce.SourceWriter;
import io.streamgate.poller.source.SourceConfig;
import org.apache.kafka.clients.consumer.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one source: opens its transactional writer on first use (fencing older owners, reloading the committed
 * cursors), checks that they were written under the source's configured spec, walks the live cursor, then
 * continues a backfill if one is in progress. One run at a time.
 */
public final class SourceWorker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SourceWorker.class);
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(30);
    private static final String BACKFILL = "@backfill";

    private final String id;
    private final SourceSpec spec;
    private final SourceConfig.OnSpecChange onSpecChange;
    private final boolean incremental;
    private final KafkaClients clients;
    private final CursorStore store;
    private final RunPlanner planner;
    private final PageWalker walker;
    private final SourceStatus status;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicReference<URI> pendingBackfill = new AtomicReference<>();
    private SourceWriter writer;
    private long openedUnder;
    private PageWalker.Track live;
    private PageWalker.Track backfill;
    /** The refusal last logged: a source retrying while it waits for a reset logs it once, not at every retry. */
    private String refusalLogged;

    public SourceWorker(String id, SourceDefinition definition, KafkaClients clients, CursorStore store,
            SourceFetcher fetcher, SourceStatus status, SourceMetrics metrics) {
        this.id = id;
        this.spec = SourceSpec.of(definition.config());
        this.onSpecChange = definition.config().onSpecChange();
        this.incremental = definition.config().incremental() != null;
        this.clients = clients;
        this.store = store;
        this.planner = new RunPlanner(definition.config());
        this.walker = new PageWalker(definition.config(), spec, planner.pagination(), fetcher, definition.mapper(),
                status, metrics);
        this.status = status;
    }

    public String id() {
        return id;
    }

    public SourceStatus status() {
        return status;
    }

    /**
     * One run under {@code lease}; failures are recorded in the status and reported in the outcome, never thrown.
     * A lease other than the one the writer was opened under means another replica may have polled the source in
     * between: the writer is reopened, which fences that replica and reloads the cursor it left.
     */
    public RunOutcome run(long lease) {
        lock.lock();
        status.running(true, Instant.now());
        try {
            if (writer != null && openedUnder != lease) {
                closeWriter();
            }
            open();
            openedUnder = lease;
            status.fenced(false);
            checkSpec();
            Instant staleAt = walker.walk(live, planner.nextLive(live.state), writer);
            URI backfillStart = pendingBackfill.getAndSet(null);
            if (backfillStart != null && !backfill.state.inProgress()) {
                backfill.state = backfillStart(backfillStart);
            }
            if (backfill.state.inProgress() && !status.paused()) {
                walker.walk(backfill, URI.create(backfill.state.nextPage()), writer);
            }
            status.succeeded(Instant.now());
            return RunOutcome.ok(staleAt);
        } catch (SourceWriter.FencedException e) {
            LOG.warn("source {} is now written by another replica; this one stops writing it", id);
            status.fenced(true);
            status.failed(e.getMessage());
            closeWriter();
            return RunOutcome.failure(null);
        } catch (SpecRefusal e) {
            if (!e.getMessage().equals(refusalLogged)) {
                LOG.warn(e.getMessage());
                refusalLogged = e.getMessage();
            }
            status.failed(e.getMessage());
            status.specChange(e.changes());
            closeWriter(); // each retry reloads the cursor, so that it sees a reset another replica wrote
            return RunOutcome.failure(null);
        } catch (FetchException e) {
            status.failed(e.getMessage());
            return RunOutcome.failure(e.retryAfter());
        } catch (RequestNotPermitted e) {
            status.failed(e.getMessage()); // the host's rate limit stayed used up for a whole request timeout
            return RunOutcome.failure(null);
        } catch (RuntimeException e) {
            // a malformed page, a Kafka error, a cursor that cannot be read: nothing of the page was committed
            LOG.warn("source {}: run failed: {}", id, e.toString());
            status.failed(e.getClass().getSimpleName() + ": " + e.getMessage());
            closeWriter(); // the next run reopens it and reloads the committed cursor
            return RunOutcome.failure(null);
        } finally {
            publishCursor();
            status.running(false, Instant.now());
            lock.unlock();
        }
    }

    /**
     * Asks for a backfill of {@code [from, to)} at the next run, apart from the live cursor.
     *
     * @throws IllegalStateException when the source cannot backfill or a backfill is already in progress
     */
    public void requestBackfill(String from, String to) {
        URI first = planner.firstBackfill(from, to);
        if (status.view().backfillInProgress() || !pendingBackfill.compareAndSet(null, first)) {
            throw new IllegalStateException("a backfill of source " + id + " is already in progress");
        }
        try {
            // durable before it is accepted: a restart's cursor load finds this backfill in progress
            clients.recordCursor(store, id + BACKFILL, backfillStart(first), KAFKA_TIMEOUT);
        } catch (RuntimeException e) {
            pendingBackfill.set(null);
            throw e;
        }
    }

    private CursorState backfillStart(URI first) {
        return new CursorState(null, first.toString(), null, null, null, null, null, spec);
    }

    /**
     * Starts the source over under its configured spec: its live cursor becomes {@code cursor} (null: none, the
     * next run reads from {@code incremental.initial}), with no run in progress, and a backfill in progress is
     * dropped (its next page belongs to the old spec). Written through the source's transactional producer, which
     * fences whoever else writes it, and committed before this returns, so a restart keeps it.
     *
     * @return false, having done nothing, while a run is in progress
     */
    public boolean reset(String cursor) {
        if (!lock.tryLock()) {
            return false;
        }
        try {
            closeWriter(); // opened anew: that fences any other writer and reloads what it committed
            open();
            startOver(cursor);
            LOG.info("source {} reset by an operator: cursor {}, no run or backfill in progress, spec {}", id,
                    cursor == null ? "none" : cursor, spec.fields());
            return true;
        } finally {
            closeWriter(); // the next run reopens it, fencing whatever wrote the source meanwhile
            publishCursor();
            lock.unlock();
        }
    }

    /**
     * Compares the spec the stored cursors were written under with the configured one before either is used: a
     * stored next page or cursor value means nothing under another URL, pagination or field. A backfill that has
     * ended does not count; a state stored before specs were is taken as it is.
     */
    private void checkSpec() {
        CursorState stale = live.state.writtenUnderOther(spec) ? live.state
                : backfill.state.inProgress() && backfill.state.writtenUnderOther(spec) ? backfill.state : null;
        if (stale == null) {
            return;
        }
        List<String> changes = spec.changesSince(stale.spec());
        if (onSpecChange == SourceConfig.OnSpecChange.REFUSE) {
            throw new SpecRefusal(id, changes, incremental);
        }
        LOG.warn("source {}: its stored cursor was written under another spec ({}); on-spec-change is reset, so it "
                + "starts over: no cursor, no run or backfill in progress", id, String.join("; ", changes));
        startOver(null);
    }

    private void startOver(String cursor) {
        writer.store(Map.of(id, CursorState.fresh(cursor, spec), id + BACKFILL, CursorState.fresh(null, spec)));
        live.state = CursorState.fresh(cursor, spec);
        backfill.state = CursorState.fresh(null, spec);
        pendingBackfill.set(null);
        refusalLogged = null;
        status.specChange(null);
    }

    public boolean hasIncrementalCursor() {
        return incremental;
    }

    public boolean canBackfill() {
        return planner.canBackfill();
    }

    private void open() {
        if (writer != null) {
            return;
        }
        String backfillKey = id + BACKFILL;
        try (Consumer<String, byte[]> committed = clients.cursorReader(id, true);
                Consumer<String, byte[]> ends = clients.cursorReader(id, false)) {
            SourceWriter.Opened opened = SourceWriter.open(clients.producer(id), committed, ends, store,
                    Set.of(id, backfillKey), KAFKA_TIMEOUT, clients.tracing());
            Map<String, CursorState> states = opened.states();
            writer = opened.writer();
            live = new PageWalker.Track(id, true, states.get(id));
            backfill = new PageWalker.Track(backfillKey, false, states.get(backfillKey));
        }
    }

    private void publishCursor() {
        if (live != null) {
            status.cursor(live.state.cursor(), live.state.inProgress(), backfill.state.inProgress());
        }
    }

    private void closeWriter() {
        if (writer != null) {
            writer.close();
            writer = null;
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closeWriter();
        } finally {
            lock.unlock();
        }
    }
}
