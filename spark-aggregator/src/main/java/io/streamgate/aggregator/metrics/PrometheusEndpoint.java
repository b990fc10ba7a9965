package io.streamgate.aggregator.metrics;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code GET /metrics} in the Prometheus text format, on the JDK's own HTTP server (no extra dependency), bounded so
 * that no client can take it or the driver down: requests run on {@link #THREADS} threads of their own with
 * {@link #QUEUE} waiting (a connection past those is closed at once), a request must arrive and its answer leave
 * within {@link #MAX_SECONDS} s each, and at most {@link #MAX_IDLE} keep-alive connections are kept. Out of the box
 * the server runs every exchange on its one dispatcher thread with no time limits, so a single client that sends
 * half a request line would stall it for good.
 */
public final class PrometheusEndpoint implements AutoCloseable {

    static final int THREADS = 2;
    static final int QUEUE = 8;
    static final int MAX_SECONDS = 10;
    static final int MAX_IDLE = 8;

    static {
        // the JDK server reads these once, when its first instance is made; a -D on the command line wins
        setDefault("sun.net.httpserver.maxReqTime", MAX_SECONDS);
        setDefault("sun.net.httpserver.maxRspTime", MAX_SECONDS);
        setDefault("sun.net.httpserver.maxIdleConnections", MAX_IDLE);
    }

    private final HttpServer server;
    private final ThreadPoolExecutor executor;

    public PrometheusEndpoint(int port, MetricsRegistry metrics) throws IOException {
        AtomicInteger threads = new AtomicInteger();
        executor = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE),
                runnable -> {
                    Thread thread = new Thread(runnable, "metrics-http-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        server = HttpServer.create(new InetSocketAddress(port), 0);
        server.setExecutor(executor); // a rejected exchange: the server closes its connection
        server.createContext("/metrics", exchange -> {
            byte[] body = metrics.render().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    private static void setDefault(String property, int value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, Integer.toString(value));
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
