package io.streamgate.poller.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.concurrent.ScheduledFuture;

import io.streamgate.poller.lease.SourceLeases;
import io.streamgate.poller.run.RunOutcome;
import io.streamgate.poller.run.SourceStatus;
import io.streamgate.poller.run.SourceWorker;
import io.streamgate.poller.source.ScheduleConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;

/**
 * Runs each source on its schedule and lets operators pause, resume and trigger them. Each run schedules the next
 * when it ends. Runs hold no permit of their own (they wait mostly on I/O, on virtual threads): the shared limit is
 * on requests in flight ({@code FetchPermits}), so a source sleeping in a backoff never blocks another. The run
 * state and the trigger flag change under this scheduler's lock, so a trigger that lands as a run ends is never
 * overwritten by that run's reschedule.
 */
public class SourceScheduler implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(SourceScheduler.class);

    private final class Entry {
        final SourceWorker worker;
        final ScheduleConfig schedule;
        boolean running;
        boolean rerun;
        ScheduledFuture<?> next;

        Entry(SourceWorker worker, ScheduleConfig schedule) {
            this.worker = worker;
            this.schedule = schedule;
        }
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final TaskScheduler scheduler;
    private final Function<SourceScheduler, SourceLeases> leasesFactory;
    private SourceLeases leases;
    private volatile boolean started;

    /** @param leases builds the source leases this replica holds, when it starts */
    public SourceScheduler(List<SourceWorker> workers, Map<String, ScheduleConfig> schedules, TaskScheduler scheduler,
            Function<SourceScheduler, SourceLeases> leases) {
        workers.forEach(w -> entries.put(w.id(), new Entry(w, schedules.get(w.id()))));
        this.scheduler = scheduler;
        this.leasesFactory = leases;
    }

    /** Runs now the sources whose lease this replica has just gained: another replica polled them until now. */
    public void leasesGained(Collection<Integer> partitions) {
        int count = leasesCount();
        entries.keySet().stream().filter(id -> partitions.contains(SourceLeases.partition(id, count)))
                .forEach(id -> {
                    if (!entries.get(id).worker.status().paused()) {
                        trigger(id);
                    }
                });
    }

    private int leasesCount() {
        return leases == null ? 1 : leases.partitionCount();
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
    public synchronized void trigger(String id) {
        Entry entry = entries.get(id);
        if (entry.running) {
            entry.rerun = true;
        } else {
            schedule(entry, Instant.now());
        }
    }

    private synchronized void schedule(Entry entry, Instant at) {
        cancel(entry);
        if (!started || entry.worker.status().paused()) {
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
        synchronized (this) {
            if (entry.worker.status().paused() || entry.running) {
                return;
            }
            entry.running = true;
        }
        RunOutcome outcome = RunOutcome.failure(null);
        try {
            Long lease = leases.lease(entry.worker.id());
            entry.worker.status().standby(lease == null);
            // without the lease another replica polls this source: check again at the next scheduled time
            outcome = lease == null ? RunOutcome.ok(null) : entry.worker.run(lease);
        } finally {
            synchronized (this) {
                entry.running = false;
                Instant now = Instant.now();
                boolean again = entry.rerun;
                entry.rerun = false;
                SourceStatus.View status = entry.worker.status().view();
                Instant next = again ? now : NextRun.after(entry.schedule, outcome, status.consecutiveFailures(), now);
                if (outcome.failed()) {
                    // a failed fetch or an open breaker shows only in the status otherwise: say why runs back off
                    LOG.info("source {}: run failed ({} in a row: {}); next run in {} ms", entry.worker.id(),
                            status.consecutiveFailures(), status.lastError(), Duration.between(now, next).toMillis());
                }
                schedule(entry, next);
            }
        }
    }

    @Override
    public synchronized void start() {
        started = true;
        leases = leasesFactory.apply(this);
        leases.start();
        entries.values().forEach(entry -> schedule(entry, Instant.now()));
    }

    @Override
    public synchronized void stop() {
        started = false;
        entries.values().forEach(this::cancel);
        entries.values().forEach(entry -> entry.worker.close());
        if (leases != null) {
            leases.close();
        }
    }

    @Override
    public boolean isRunning() {
        return started;
    }
}
