package io.streamgate.poller.simulator;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The provider's data: readings of {@code turnstiles} turnstiles every four hours from {@code start} (New York
 * time, deterministic for a given size (the same tick always yields the same rows). A turnstile misses about one
 * audit in seven, so a snapshot of the latest readings changes only for some turnstiles from one tick to the next.
 * The feed grows one tick at a time ({@link #advance(int)}); rows are ordered by (tick, turnstile), which is also
 * their {@code :id} and {@code :updated_at} order. A {@link Hostile} feed commits some rows late: they appear at the
 * next tick, in their place by id, with the {@code :updated_at} of their own tick; and it corrects recent rows in
 * place ({@link #correctOne}): a new version of the row, with the newest {@code :updated_at}.
 */
public final class TurnstileFeed {

    /** The first audit of the default feed: fixed, so tests know exactly what is served. */
    public static final LocalDateTime DEFAULT_START = LocalDateTime.of(2024, 1, 6, 3, 0);

    private final LocalDateTime start;
    private final List<Turnstile> turnstiles;
    private final long[] entries;
    private final long[] exits;
    private final List<Reading> rows = new ArrayList<>();
    private final List<Reading> late = new ArrayList<>();
    private final Hostile hostile;
    private final SplittableRandom lateness;
    private final Map<Integer, Reading> latest = new TreeMap<>();
    /** Every version ever committed ({@link Reading#version()}), in the order committed. */
    private final Set<String> versions = new LinkedHashSet<>();
    private long ticks;

    public TurnstileFeed(int turnstiles, int initialTicks, LocalDateTime start) {
        this(turnstiles, initialTicks, start, Hostile.NONE);
    }

    public TurnstileFeed(int turnstiles, int initialTicks, LocalDateTime start, Hostile hostile) {
        this.start = start;
        this.hostile = hostile;
        this.lateness = hostile.random();
        this.turnstiles = Turnstile.first(turnstiles);
        this.entries = new long[turnstiles];
        this.exits = new long[turnstiles];
        for (int i = 0; i < turnstiles; i++) {
            SplittableRandom random = new SplittableRandom(i * 7919L);
            entries[i] = random.nextLong(100_000, 9_000_000);
            exits[i] = random.nextLong(100_000, 6_000_000);
        }
        advance(initialTicks);
    }

    /** Publishes {@code count} more audits. */
    public synchronized void advance(int count) {
        for (int n = 0; n < count; n++, ticks++) {
            commitLate();
            LocalDateTime time = start.plusHours(4 * ticks);
            for (int i = 0; i < turnstiles.size(); i++) {
                SplittableRandom random = new SplittableRandom(ticks * 1_000_003L + i);
                int busy = time.getHour() >= 7 && time.getHour() <= 19 ? 400 : 60;
                entries[i] += random.nextInt(busy);
                exits[i] += random.nextInt(busy);
                if (random.nextInt(7) == 0) {
                    continue; // no audit from this turnstile this time
                }
                String desc = random.nextInt(11) == 0 ? "RECOVR AUD" : "REGULAR";
                Reading reading = new Reading(ticks, i, turnstiles.get(i), time, desc, entries[i], exits[i]);
                if (hostile.lateShare() > 0 && lateness.nextDouble() < hostile.lateShare()) {
                    late.add(reading);
                } else {
                    rows.add(reading);
                    versions.add(reading.version());
                }
                latest.put(i, reading);
            }
        }
    }

    /** Commits the rows held back as late, each in its place by id. */
    public synchronized void commitLate() {
        Comparator<Reading> byId = Comparator.comparing(Reading::id);
        for (Reading reading : late) {
            int at = Collections.binarySearch(rows, reading, byId);
            rows.add(at < 0 ? -at - 1 : at, reading);
            versions.add(reading.version());
        }
        late.clear();
    }

    /**
     * Corrects one of the last {@code 3 × turnstiles} rows (about the last three audits), drawn from {@code random},
     * unless it belongs to the newest audit: it stays in its place by id
     * with new registers and the {@code :updated_at} of the newest audit, so it sorts last by {@code :updated_at}.
     */
    public synchronized void correctOne(SplittableRandom random) {
        if (rows.isEmpty()) {
            return;
        }
        int recent = Math.min(rows.size(), 3 * turnstiles.size());
        int at = rows.size() - 1 - random.nextInt(recent);
        Reading row = rows.get(at);
        Reading corrected = row.corrected(lastPublished(), 1 + random.nextInt(50));
        if (corrected.updatedAt().equals(row.updatedAt())) {
            return; // a row of the newest audit: a correction now would not be a new version
        }
        rows.set(at, corrected);
        versions.add(corrected.version());
        latest.computeIfPresent(row.turnstileIndex(), (i, r) -> r.id().equals(row.id()) ? corrected : r);
    }

    public synchronized int size() {
        return rows.size();
    }

    synchronized long ticks() {
        return ticks;
    }

    synchronized List<Reading> rows() {
        return List.copyOf(rows);
    }

    synchronized List<Reading> latest() {
        return List.copyOf(latest.values());
    }

    /** The CSV rows (no header) of every committed reading, in order: what a poller must deliver exactly once. */
    public synchronized List<String> allCsvRows() {
        return rows.stream().map(Reading::csv).toList();
    }

    /** The {@code :id} of every committed reading, in order (late rows once {@link #commitLate()} ran). */
    public synchronized List<String> allIds() {
        return rows.stream().map(Reading::id).toList();
    }

    /** The version ({@code :id|:updated_at}) of every committed reading as it stands now, in order by id. */
    public synchronized List<String> currentVersions() {
        return rows.stream().map(Reading::version).toList();
    }

    /** Every version of a reading ever committed, including those corrected since. */
    public synchronized Set<String> allVersions() {
        return Set.copyOf(versions);
    }

    /** When the latest audit was published (the feed's Last-Modified). */
    synchronized LocalDateTime lastPublished() {
        return start.plusHours(4 * Math.max(ticks - 1, 0) + 1);
    }
}
