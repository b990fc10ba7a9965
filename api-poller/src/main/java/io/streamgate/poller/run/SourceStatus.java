package io.streamgate.poller.run;

import java.time.Instant;

/** What operators see of a source: a thread-safe snapshot holder updated by its worker. */
public final class SourceStatus {

    /**
     * An immutable view for health, metrics and the operator endpoint.
     *
     * @param specChange what changed in the source's spec since its cursor was stored, while it refuses to run
     *        until reset (null: nothing)
     */
    public record View(String id, boolean paused, boolean running, boolean fenced, Instant lastSuccess,
            Instant lastAttempt, int consecutiveFailures, String lastError, Instant nextRun, long records,
            long pages, String cursor, boolean runInProgress, boolean backfillInProgress, Instant newestEvent,
            Instant since, boolean standby, String specChange) {

        /** Since when the source has had nothing new: its last success, or its start if it never succeeded. */
        public Instant freshAt() {
            return lastSuccess != null ? lastSuccess : since;
        }
    }

    private final Instant since = Instant.now();

    private final String id;
    private volatile boolean paused;
    private volatile boolean running;
    private volatile boolean fenced;
    private volatile Instant lastSuccess;
    private volatile Instant lastAttempt;
    private volatile int consecutiveFailures;
    private volatile String lastError;
    private volatile Instant nextRun;
    private volatile long records;
    private volatile long pages;
    private volatile String cursor;
    private volatile boolean runInProgress;
    private volatile boolean backfillInProgress;
    private volatile Instant newestEvent;
    private volatile boolean standby;
    private volatile String specChange;

    public SourceStatus(String id, boolean paused) {
        this.id = id;
        this.paused = paused;
    }

    /** One consistent view: a run's start or end is never seen half done (running, its attempt, its outcome). */
    public synchronized View view() {
        return new View(id, paused, running, fenced, lastSuccess, lastAttempt, consecutiveFailures, lastError,
                nextRun, records, pages, cursor, runInProgress, backfillInProgress, newestEvent, since, standby,
                specChange);
    }

    public boolean paused() {
        return paused;
    }

    public void paused(boolean value) {
        paused = value;
    }

    synchronized void running(boolean value, Instant now) {
        running = value;
        if (value) {
            lastAttempt = now;
        }
    }

    synchronized void succeeded(Instant now) {
        lastSuccess = now;
        consecutiveFailures = 0;
        lastError = null;
        specChange = null;
    }

    synchronized void failed(String error) {
        consecutiveFailures++;
        lastError = error;
    }

    /** @param changes what changed, while the source waits for a reset; null once it is reset */
    void specChange(String changes) {
        specChange = changes;
    }

    void fenced(boolean value) {
        fenced = value;
    }

    /** Whether another replica holds this source's lease (this one then leaves it alone). */
    public void standby(boolean value) {
        standby = value;
    }

    public boolean isFenced() {
        return fenced;
    }

    public void nextRun(Instant at) {
        nextRun = at;
    }

    synchronized void page(int produced, Instant newest) {
        pages++;
        records += produced;
        if (newest != null && (newestEvent == null || newest.isAfter(newestEvent))) {
            newestEvent = newest;
        }
    }

    void cursor(String value, boolean inProgress, boolean backfill) {
        cursor = value;
        runInProgress = inProgress;
        backfillInProgress = backfill;
    }
}
