package io.streamgate.poller.simulator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.SplittableRandom;

/**
 * Scripted and random failures: a queue of (path prefix, status, Retry-After) served before normal handling,
 * optionally a random share of 429s with {@code Retry-After: 1} (the local run's chaos), and a {@link Hostile}
 * provider's share of 429s ({@code Retry-After: 0}), 500s and 503s.
 */
final class Faults {

    record Fault(String pathPrefix, int status, Integer retryAfterSeconds) {
    }

    private final Deque<Fault> script = new ArrayDeque<>();
    private static final int[] HOSTILE_STATUSES = {429, 500, 503};

    private final double chaos;
    private final double errorShare;
    private final SplittableRandom random;

    Faults(double chaos, Hostile hostile) {
        this.chaos = chaos;
        this.errorShare = hostile.errorShare();
        this.random = hostile.active() ? hostile.random().split().split() : new SplittableRandom(42);
    }

    synchronized void add(Fault fault, int times) {
        for (int i = 0; i < times; i++) {
            script.add(fault);
        }
    }

    /** The fault to serve for {@code path}, or null. */
    synchronized Fault next(String path) {
        for (Fault fault : script) {
            if (path.startsWith(fault.pathPrefix())) {
                script.remove(fault);
                return fault;
            }
        }
        if (errorShare > 0 && random.nextDouble() < errorShare) {
            int status = HOSTILE_STATUSES[random.nextInt(HOSTILE_STATUSES.length)];
            return new Fault(path, status, status == 429 ? 0 : null);
        }
        return chaos > 0 && random.nextDouble() < chaos ? new Fault(path, 429, 1) : null;
    }
}
