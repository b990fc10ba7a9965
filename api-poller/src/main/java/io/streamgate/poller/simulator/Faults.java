package io.streamgate.poller.simulator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.SplittableRandom;

/**
 * Scripted and random failures: a queue of (path prefix, status, Retry-After) served before normal handling, and
 * optionally a random share of 429s with {@code Retry-After: 1} (the local run's chaos).
 */
final class Faults {

    record Fault(String pathPrefix, int status, Integer retryAfterSeconds) {
    }

    private final Deque<Fault> script = new ArrayDeque<>();
    private final double chaos;
    private final SplittableRandom random = new SplittableRandom(42);

    Faults(double chaos) {
        this.chaos = chaos;
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
        return chaos > 0 && random.nextDouble() < chaos ? new Fault(path, 429, 1) : null;
    }
}
