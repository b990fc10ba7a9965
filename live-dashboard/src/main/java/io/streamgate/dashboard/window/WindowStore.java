package io.streamgate.dashboard.window;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The latest value of every window the dashboard knows, bounded: a window ending more than {@code retention} before
 * its job's newest window is forgotten, and beyond {@code maxWindows} the oldest windows go first. A new browser
 * gets {@link #snapshot()}; every accepted update gets the next sequence number, so a browser that also sees live
 * updates keeps the newest value of each window whichever it got first.
 */
public final class WindowStore {

    private static final Comparator<WindowUpdate> OLDEST_FIRST = Comparator.comparing(WindowUpdate::windowStart)
            .thenComparing(WindowUpdate::job).thenComparing(WindowUpdate::key);

    private final Duration retention;
    private final int maxWindows;
    private final Map<String, WindowUpdate> byKey = new HashMap<>();
    private final TreeSet<WindowUpdate> byAge = new TreeSet<>(OLDEST_FIRST);
    private final Map<String, Instant> newestEnd = new HashMap<>();
    private long sequence;

    public WindowStore(Duration retention, int maxWindows) {
        this.retention = retention;
        this.maxWindows = maxWindows;
    }

    /** Keeps {@code update} as its window's latest value; empty if it is already too old to keep. */
    public synchronized Optional<WindowUpdate> put(WindowUpdate update) {
        Instant newest = newestEnd.merge(update.job(), update.windowEnd(), (a, b) -> a.isAfter(b) ? a : b);
        Instant horizon = newest.minus(retention);
        if (update.windowEnd().isBefore(horizon)) {
            return Optional.empty();
        }
        WindowUpdate stored = update.withSeq(++sequence);
        WindowUpdate previous = byKey.put(stored.storeKey(), stored);
        if (previous != null) {
            byAge.remove(previous);
        }
        byAge.add(stored);
        evict(update.job(), horizon);
        return Optional.of(stored);
    }

    /**
     * Forgets window {@code key} of {@code job} (its topic's tombstone: a rebuild under a new spec left no such
     * window); the retraction, with the next sequence number, for browsers, or empty if the window was not kept.
     */
    public synchronized Optional<WindowRetraction> remove(String job, String key) {
        WindowUpdate removed = byKey.remove(WindowUpdate.storeKey(job, key));
        if (removed == null) {
            return Optional.empty();
        }
        byAge.remove(removed);
        return Optional.of(new WindowRetraction(job, key, ++sequence));
    }

    /** Every window kept, oldest first. */
    public synchronized List<WindowUpdate> snapshot() {
        return List.copyOf(byAge);
    }

    public synchronized int size() {
        return byKey.size();
    }

    private void evict(String job, Instant horizon) {
        // oldest first: only windows starting before the horizon can end before it
        for (Iterator<WindowUpdate> it = byAge.iterator(); it.hasNext(); ) {
            WindowUpdate w = it.next();
            if (!w.windowStart().isBefore(horizon)) {
                break;
            }
            if (w.job().equals(job) && w.windowEnd().isBefore(horizon)) {
                it.remove();
                byKey.remove(w.storeKey());
            }
        }
        while (byAge.size() > maxWindows) {
            byKey.remove(byAge.pollFirst().storeKey());
        }
    }
}
