package io.streamgate.gateway.connection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * True once a process is idle: at most one connection held (the probe's own) and, since the previous call, under a
 * tenth of a core of CPU. Meant to be polled (Awaitility), each call judging the time since the one before.
 */
final class IdleProbe implements Callable<Boolean> {

    private static final double TICKS_PER_SECOND = 100; // USER_HZ on Linux

    private final long pid;
    private final Callable<Integer> openConnections;
    private long lastTicks = -1;
    private long lastNanos;

    IdleProbe(long pid, Callable<Integer> openConnections) {
        this.pid = pid;
        this.openConnections = openConnections;
    }

    @Override
    public Boolean call() throws Exception {
        long ticks = cpuTicks();
        long now = System.nanoTime();
        boolean quiet = lastTicks >= 0
                && (ticks - lastTicks) / TICKS_PER_SECOND < 0.1 * (now - lastNanos) / 1e9;
        lastTicks = ticks;
        lastNanos = now;
        int open = openConnections.call();
        System.out.printf("idle probe: %d connections open, quiet=%s%n", open, quiet);
        return quiet && open <= 1;
    }

    /** utime + stime of /proc/PID/stat (fields 14 and 15, counted after the command name's closing parenthesis). */
    private long cpuTicks() throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
