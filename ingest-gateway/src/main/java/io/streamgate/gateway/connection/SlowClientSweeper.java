package io.streamgate.gateway.connection;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cuts off clients that send a request too slowly ({@link Deadlines}): neither Jetty 12 nor Tomcat bounds the time a
 * request's headers may take in all (their idle timeouts restart with every byte, so one header line every few
 * seconds holds a connection for ever), and Jetty 12's minimum data rate handler judges a body before its first
 * byte. Every {@link #SWEEP_MILLIS} it looks at each HTTP/1.1 connection's parser: which phase the request is in,
 * how long the gateway has waited on the client in it, how many bytes came.
 *
 * <p>Too slow with the headers: a 408 is written and the connection closed (no request exists yet to answer
 * through). Too slow with the body: the request's pending read fails with a {@link TimeoutException}, as Jetty's own
 * idle timeout does, so the handler answers 408 ({@code BoundedBody}) and Jetty closes the connection. Reads the
 * parser's state from this thread without a lock: a stale sample only shifts a decision to the next sweep.
 */
final class SlowClientSweeper extends AbstractLifeCycle {

    static final long SWEEP_MILLIS = 500;
    private static final Logger log = LoggerFactory.getLogger(SlowClientSweeper.class);
    private static final byte[] REQUEST_TIMEOUT = requestTimeout();

    private final Deadlines deadlines;
    private final AtomicLong headersTooSlow = new AtomicLong();
    private final AtomicLong bodyTooSlow = new AtomicLong();
    private volatile Server server;
    private Map<HttpConnection, Progress> progress = new HashMap<>();
    private long lastSweep;
    private ScheduledExecutorService scheduler;

    /** Where one connection's current request stands. */
    private static final class Progress {
        long request;
        Deadlines.Phase phase;
        long waitedNanos;
        long bytesAtStart;
        boolean cut;
    }

    SlowClientSweeper(Deadlines deadlines) {
        this.deadlines = deadlines;
    }

    /** Watches the server's connectors from its start to its stop. */
    void watch(Server watched) {
        this.server = watched;
        watched.addBean(this);
    }

    long headersTooSlow() {
        return headersTooSlow.get();
    }

    long bodyTooSlow() {
        return bodyTooSlow.get();
    }

    @Override
    protected void doStart() {
        lastSweep = System.nanoTime();
        // a platform thread of its own: it must run while request threads are all taken by slow clients
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "slow-client-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::sweepSafely, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() {
        scheduler.shutdownNow();
    }

    private void sweepSafely() {
        try {
            sweep();
        } catch (RuntimeException e) {
            log.warn("slow-client sweep failed; trying again in {} ms", SWEEP_MILLIS, e);
        }
    }

    private void sweep() {
        long now = System.nanoTime();
        long elapsed = now - lastSweep;
        lastSweep = now;
        Map<HttpConnection, Progress> next = new HashMap<>(progress.size() * 2);
        for (Connector connector : server.getConnectors()) {
            for (EndPoint endPoint : connector.getConnectedEndPoints()) {
                if (endPoint.getConnection() instanceof HttpConnection http) {
                    next.put(http, check(endPoint, http, progress.get(http), elapsed));
                }
            }
        }
        progress = next; // connections gone since the last sweep drop out here
    }

    private Progress check(EndPoint endPoint, HttpConnection http, Progress known, long elapsed) {
        Deadlines.Phase phase = phase(http.getParser());
        long request = http.getMessagesIn();
        Progress p = known == null ? new Progress() : known;
        if (known == null || p.request != request || p.phase != phase) {
            p.request = request;
            p.phase = phase;
            p.waitedNanos = 0;
            p.bytesAtStart = http.getBytesIn();
            p.cut = false;
            return p;
        }
        if (endPoint.isFillInterested()) {
            p.waitedNanos += elapsed;
        }
        Deadlines.Verdict verdict = deadlines.judge(phase, p.waitedNanos, http.getBytesIn() - p.bytesAtStart);
        if (verdict == Deadlines.Verdict.ON_TIME) {
            return p;
        }
        if (p.cut) {
            // told once and still here after as long again: the handler did not end it
            if (p.waitedNanos > 2 * deadlines.headerTimeoutNanos()) {
                endPoint.close();
            }
            return p;
        }
        p.cut = true;
        TimeoutException timeout = new TimeoutException(deadlines.describe(verdict));
        if (verdict == Deadlines.Verdict.HEADERS_TOO_SLOW) {
            headersTooSlow.incrementAndGet();
            answerAndClose(endPoint, timeout);
        } else {
            bodyTooSlow.incrementAndGet();
            if (http.onIdleExpired(timeout)) {
                endPoint.close(timeout);
            }
        }
        return p;
    }

    private static void answerAndClose(EndPoint endPoint, TimeoutException timeout) {
        try {
            endPoint.write(Callback.from(() -> endPoint.close(timeout), failure -> endPoint.close(timeout)),
                    ByteBuffer.wrap(REQUEST_TIMEOUT));
        } catch (RuntimeException e) {
            endPoint.close(timeout); // a write in progress: no room for an answer
        }
    }

    private static byte[] requestTimeout() {
        String body = "{\"title\":\"Request Timeout\",\"status\":408,"
                + "\"detail\":\"The request's line and headers did not arrive in time.\"}";
        return ("HTTP/1.1 408 Request Timeout\r\nContent-Type: application/problem+json\r\nConnection: close\r\n"
                + "Content-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII);
    }

    static Deadlines.Phase phase(HttpParser parser) {
        if (parser.isStart()) {
            return Deadlines.Phase.IDLE;
        }
        if (parser.inHeaderState()) {
            return Deadlines.Phase.HEADERS;
        }
        return parser.inContentState() ? Deadlines.Phase.BODY : Deadlines.Phase.HANDLING;
    }
}
