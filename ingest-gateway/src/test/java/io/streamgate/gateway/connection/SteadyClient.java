package io.streamgate.gateway.connection;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.streamgate.gateway.support.RawHttp;

/**
 * A well-behaved client: a small event every {@code period}, each on time whatever happened to the one before (an
 * open loop: a stalled answer does not delay the next request, so a stall shows in every request behind it).
 */
final class SteadyClient implements AutoCloseable {

    /** One request: its status (-1: no answer, the reason in {@code error}) and how long the answer took. */
    record Outcome(int status, long millis, String error) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final RawHttp http;
    private final String path;
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService senders = Executors.newCachedThreadPool();
    private final List<Outcome> outcomes = new CopyOnWriteArrayList<>();
    private final AtomicLong sequence = new AtomicLong();

    SteadyClient(RawHttp http, String path) {
        this.http = http;
        this.path = path;
    }

    void start(Duration period) {
        clock.scheduleAtFixedRate(() -> senders.execute(this::sendOne), 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sendOne() {
        long start = System.nanoTime();
        String event = "{\"steady\":" + sequence.incrementAndGet() + "}";
        try {
            RawHttp.Answer answer = http.post(path, "application/json", event);
            outcomes.add(new Outcome(answer.status(), elapsedMillis(start), null));
        } catch (IOException e) {
            outcomes.add(new Outcome(-1, elapsedMillis(start), e.toString()));
        }
    }

    private static long elapsedMillis(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    /** Stops sending and waits for the answers still due; then {@link #outcomes()} holds every request sent. */
    void stop(Duration answersWithin) throws InterruptedException {
        clock.shutdown();
        clock.awaitTermination(answersWithin.toMillis(), TimeUnit.MILLISECONDS);
        senders.shutdown();
        senders.awaitTermination(answersWithin.toMillis(), TimeUnit.MILLISECONDS);
    }

    List<Outcome> outcomes() {
        return List.copyOf(outcomes);
    }

    static long percentile(List<Outcome> outcomes, double p) {
        long[] sorted = outcomes.stream().mapToLong(Outcome::millis).sorted().toArray();
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
    }

    @Override
    public void close() {
        clock.shutdownNow();
        senders.shutdownNow();
    }
}
