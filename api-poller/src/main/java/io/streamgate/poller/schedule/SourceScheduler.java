package io.streamgate.poller.schedule;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

import io.streamgate.poller.run.RunOutcome;
import io.streamgate.poller.run.SourceWorker;
import io.streamgate.poller.source.ScheduleConfig;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;

/**
 * Runs each source on its schedule, at most {@code maxConcurrentRuns} at a time across all sources, and lets
 * operators pause, resume and trigger them. Each run schedules the next when it ends.
 */
public class SourceScheduler implements SmartLifecycle {

    private final class Entry {
        final SourceWorker worker;
        final ScheduleConfig schedule;
        final AtomicBoolean running = new AtomicBoolean();
        volatile boolean rerun;
        ScheduledFuture<?> next;

        Entry(SourceWorker worker, ScheduleConfig schedule) {
            this.worker = worker;
            this.schedule = schedule;
        }
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final TaskScheduler scheduler;
    private final Semaphore permits;
    private volatile boolean started;

    public SourceScheduler(List<SourceWorker> workers, Map<String, ScheduleConfig> schedules, TaskScheduler scheduler,
            int maxConcurrentRuns) {
        workers.forEach(w -> entries.put(w.id(), new Entry(w, schedules.get(w.id()))));
        this.scheduler = scheduler;
        this.permits = new Semaphore(maxConcurrentRuns);
    }

    public Collection<SourceWorker> workers() {
        return entries.values().stream().map(e -> e.worker).toList();
    }

    public Optional<SourceWorker> worker(String id) {
        return Optional.ofNullable(entries.get(id)).map(e -> e.worker);
    }

    public synchronized void pause(String id) {
        Entry entry = entries.get(id);
        entry.worker.status().paused(true);
        cancel(entry);
        entry.worker.status().nextRun(null);
    }

    public void resume(String id) {
        entries.get(id).worker.status().paused(false);
        trigger(id);
    }

    /** Runs the source now, or right after its current run. */
    public void trigger(String id) {
        Entry entry = entries.get(id);
        if (entry.running.get()) {
            entry.rerun = true;
        } else {
            schedule(entry, Instant.now());
        }
    }

    private synchronized void schedule(Entry entry, Instant at) {
        cancel(entry);
        if (!started || entry.worker.status().paused() || entry.worker.status().isFenced()) {
            return;
        }
        entry.worker.status().nextRun(at);
        entry.next = scheduler.schedule(() -> execute(entry), at);
    }

    private void cancel(Entry entry) {
        if (entry.next != null) {
            entry.next.cancel(false);
            entry.next = null;
        }
    }

    private void execute(Entry entry) {
        if (entry.worker.status().paused() || !entry.running.compareAndSet(false, true)) {
            return;
        }
        RunOutcome outcome;
        try {
            permits.acquire();
            try {
                outcome = entry.worker.run();
            } finally {
                permits.release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } finally {
            entry.running.set(false);
        }
        Instant now = Instant.now();
        boolean again = entry.rerun;
        entry.rerun = false;
        schedule(entry, again ? now
                : NextRun.after(entry.schedule, outcome, entry.worker.status().view().consecutiveFailures(), now));
    }

    @Override
    public synchronized void start() {
        started = true;
        entries.values().forEach(entry -> schedule(entry, Instant.now()));
    }

    @Override
    public synchronized void stop() {
        started = false;
        entries.values().forEach(this::cancel);
        entries.values().forEach(entry -> entry.worker.close());
    }

    @Override
    public boolean isRunning() {
        return started;
    }
}
