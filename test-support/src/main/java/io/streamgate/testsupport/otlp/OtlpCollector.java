package io.streamgate.testsupport.otlp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

/**
 * The receiving end of OTLP over HTTP ({@code POST /v1/traces}, protobuf), enough to tell which traces an app
 * exported: it keeps each request body and answers 200 with an empty body, as a collector does.
 */
public final class OtlpCollector implements AutoCloseable {

    private final HttpServer server;
    private final List<byte[]> bodies = new CopyOnWriteArrayList<>();

    private OtlpCollector(HttpServer server) {
        this.server = server;
    }

    public static OtlpCollector start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            OtlpCollector collector = new OtlpCollector(server);
            server.createContext("/v1/traces", exchange -> {
                try (InputStream in = exchange.getRequestBody()) {
                    collector.bodies.add(in.readAllBytes());
                }
                exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
            return collector;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The URL to give as {@code management.otlp.tracing.endpoint}. */
    public String tracesEndpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces";
    }

    /** Whether a span of this trace (32 hex digits) was exported: OTLP protobuf carries trace ids as raw bytes. */
    public boolean received(String traceId) {
        byte[] id = HexFormat.of().parseHex(traceId);
        return bodies.stream().anyMatch(body -> indexOf(body, id) >= 0);
    }

    /**
     * Whether a span of this trace was exported in a request that also holds {@code text} (UTF-8): a span's name or
     * an attribute's value, which OTLP protobuf carries as plain strings.
     */
    public boolean received(String traceId, String text) {
        byte[] id = HexFormat.of().parseHex(traceId);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return bodies.stream().anyMatch(body -> indexOf(body, id) >= 0 && indexOf(body, bytes) >= 0);
    }

    public int requests() {
        return bodies.size();
    }

    private static int indexOf(byte[] body, byte[] part) {
        outer:
        for (int i = 0; i <= body.length - part.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (body[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
