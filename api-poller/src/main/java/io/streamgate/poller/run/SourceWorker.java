package io.streamgate.poller.run;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.streamgate.poller.cursor.CursorState;
import io.streamgate.poller.cursor.CursorStore;
import io.streamgate.poller.fetch.FetchException;
import io.streamgate.poller.fetch.SourceFetcher;
import io.streamgate.poller.produce.KafkaClients;
import io.streamgate.poller.produce.SourceWriter;
import org.apache.kafka.clients.consumer.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one source: opens its transactional writer on first use (fencing older owners, reloading the committed
 * cursors), walks the live cursor, then continues a backfill if one is in progress. One run at a time.
 */
public final class SourceWorker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SourceWorker.class);
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(30);
    private static final String BACKFILL = "@backfill";

    private final String id;
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

    public SourceWorker(String id, SourceDefinition definition, KafkaClients clients, CursorStore store,
            SourceFetcher fetcher, SourceStatus status, SourceMetrics metrics) {
        this.id = id;
        this.clients = clients;
        this.store = store;
        this.planner = new RunPlanner(definition.config());
        this.walker = new PageWalker(definition.config(), planner.pagination(), fetcher, definition.mapper(),
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
        } catch (FetchException e) {
            status.failed(e.getMessage());
            return RunOutcome.failure(e.retryAfter());
        } catch (CallNotPermittedException | RequestNotPermitted e) {
            status.failed(e.getMessage()); // the host's breaker is open or its rate limit is used up
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

    private static CursorState backfillStart(URI first) {
        return new CursorState(null, first.toString(), null, null, null, null, null);
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
