package io.streamgate.poller.simulator;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A provider to pull from: MTA turnstile readings over HTTP with every pagination style ({@link FeedRoutes}),
 * credentials by path prefix ({@link SimulatorAuth}), {@code ETag}/{@code Last-Modified} with 304s, and scripted
 * or random 429/503s. Runs on its own ({@link SimulatorMain}) and inside tests ({@link #start(Options)}).
 */
public final class ProviderSimulator implements AutoCloseable {

    /**
     * @param port 0 for any free port
     * @param tickEvery publish a new audit this often (null: only on {@link TurnstileFeed#advance(int)})
     * @param chaos share of requests answered 429 with {@code Retry-After: 1}
     * @param latency added to every response
     * @param start the time of the feed's first audit (New York local)
     * @param hostile how badly it behaves ({@link Hostile#NONE}: an ideal provider)
     */
    public record Options(int port, int turnstiles, int initialTicks, Duration tickEvery, double chaos,
            Duration tokenTtl, Duration snapshotTtl, Duration latency, LocalDateTime start, Hostile hostile) {

        public static Options forTests(int turnstiles, int initialTicks) {
            return new Options(0, turnstiles, initialTicks, null, 0, Duration.ofMinutes(10), Duration.ofSeconds(30),
                    Duration.ZERO, TurnstileFeed.DEFAULT_START, Hostile.NONE);
        }

        public Options withTokenTtl(Duration ttl) {
            return new Options(port, turnstiles, initialTicks, tickEvery, chaos, ttl, snapshotTtl, latency, start,
                    hostile);
        }

        public Options withLatency(Duration delay) {
            return new Options(port, turnstiles, initialTicks, tickEvery, chaos, tokenTtl, snapshotTtl, delay, start,
                    hostile);
        }

        public Options withHostile(Hostile mode) {
            return new Options(port, turnstiles, initialTicks, tickEvery, chaos, tokenTtl, snapshotTtl, latency, start,
                    mode);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(ProviderSimulator.class);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService workers = Executors.newFixedThreadPool(8);
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    private final TurnstileFeed feed;
    private final FeedRoutes routes;
    private final SimulatorAuth auth;
    private final Faults faults;
    private final Duration latency;
    private final Hostile hostile;
    private final SplittableRandom slowness;
    private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    private final List<Served> log = new CopyOnWriteArrayList<>();

    /** One request served: when, path and decoded query, status, and the request's conditional headers. */
    /**
     * A request answered: {@code query} is the URL's parameters, {@code bodyParams} the members of a POSTed JSON
     * object (the feeds read both as one set of parameters).
     */
    public record Served(Instant at, String path, Map<String, String> query, Map<String, String> bodyParams,
            int status, String ifNoneMatch, String ifModifiedSince) {
    }

    private ProviderSimulator(Options options) throws IOException {
        this.hostile = options.hostile();
        if (hostile.active()) {
            LOG.info("hostile provider: {} (replay with the same seed)", hostile);
        }
        this.feed = new TurnstileFeed(options.turnstiles(), options.initialTicks(), options.start(), hostile);
        this.routes = new FeedRoutes(feed, options.snapshotTtl(), hostile);
        this.auth = new SimulatorAuth(options.tokenTtl());
        this.faults = new Faults(options.chaos(), hostile);
        this.latency = options.latency();
        this.slowness = hostile.random().split().split().split();
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", options.port()), 64);
        server.setExecutor(workers);
        server.createContext("/", this::handle);
        server.start();
        if (options.tickEvery() != null) {
            long every = options.tickEvery().toMillis();
            ticker.scheduleAtFixedRate(() -> feed.advance(1), every, every, TimeUnit.MILLISECONDS);
            // late rows land between two audits, with the cursor value of the one before
            ticker.scheduleAtFixedRate(feed::commitLate, every + every / 2, every, TimeUnit.MILLISECONDS);
        }
    }

    public static ProviderSimulator start(Options options) {
        try {
            return new ProviderSimulator(options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    public TurnstileFeed feed() {
        return feed;
    }

    /**
     * Stops the hostile provider's corrections of recent rows (it still publishes what {@link #feed()} is told
     * to): what a test then reads to the end is the feed as it stands.
     */
    public void stopCorrecting() {
        routes.correcting(false);
    }

    /** Answers the next {@code times} requests under {@code pathPrefix} with {@code status}. */
    public void fail(String pathPrefix, int status, Integer retryAfterSeconds, int times) {
        faults.add(new Faults.Fault(pathPrefix, status, retryAfterSeconds), times);
    }

    public void revokeTokens() {
        auth.revokeAll();
    }

    public int tokensIssued() {
        return auth.issued();
    }

    public int served(int status) {
        return statuses.getOrDefault(status, new AtomicInteger()).get();
    }

    public List<Served> log() {
        return List.copyOf(log);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            Map<String, String> bodyParams = path.equals("/oauth2/token") ? Map.of() : bodyParams(exchange);
            Map<String, String> params = new LinkedHashMap<>(query);
            params.putAll(bodyParams);
            SimResponse response = bodyParams == null ? SimResponse.text(400, "the body is not a JSON object")
                    : respond(exchange, path, params);
            long delay = latency.toMillis() + slowShare(hostile.slowest().toMillis());
            if (delay > 0) {
                Thread.sleep(delay); // a slow provider, to give tests time inside a run
            }
            statuses.computeIfAbsent(response.status(), s -> new AtomicInteger()).incrementAndGet();
            log.add(new Served(Instant.now(), path, query, bodyParams == null ? Map.of() : bodyParams,
                    response.status(),
                    exchange.getRequestHeaders().getFirst("If-None-Match"),
                    exchange.getRequestHeaders().getFirst("If-Modified-Since")));
            response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            boolean empty = response.status() == 304 || response.body().length == 0;
            exchange.sendResponseHeaders(response.status(), empty ? -1 : response.body().length);
            if (!empty) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized long slowShare(long slowest) {
        return slowest > 0 ? slowness.nextLong(slowest + 1) : 0;
    }

    private SimResponse respond(HttpExchange exchange, String path, Map<String, String> query) throws IOException {
        if (path.equals("/oauth2/token") && exchange.getRequestMethod().equals("POST")) {
            exchange.getRequestBody().readAllBytes();
            Map<String, Object> token = auth.issue(exchange);
            return token == null ? SimResponse.text(401, "invalid_client")
                    : SimResponse.of(200, "application/json", JSON.writeValueAsBytes(token));
        }
        Faults.Fault fault = faults.next(path);
        if (fault != null) {
            SimResponse failure = SimResponse.text(fault.status(), "scripted failure");
            return fault.retryAfterSeconds() == null ? failure
                    : failure.with("Retry-After", String.valueOf(fault.retryAfterSeconds()));
        }
        if (!auth.allowed(path, exchange, query)) {
            return SimResponse.text(401, "unauthorized").with("WWW-Authenticate", "Bearer");
        }
        String feedPath = path.replaceFirst("^/(key|basic|oauth)/", "/");
        SimResponse response;
        try {
            response = routes.respond(path, feedPath, query);
        } catch (IllegalArgumentException e) {
            return SimResponse.text(400, e.getMessage()); // as Socrata answers a query it cannot parse
        }
        return response == null ? SimResponse.text(404, "no such feed")
                : Conditional.apply(response, feed.lastPublished(), exchange.getRequestHeaders());
    }

    /** The members of a POSTed JSON object as text (null members left out); empty without a body, null if bad. */
    private static Map<String, String> bodyParams(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (body.length == 0) {
            return Map.of();
        }
        try {
            JsonNode object = JSON.readTree(body);
            if (!object.isObject()) {
                return null;
            }
            Map<String, String> params = new LinkedHashMap<>();
            object.fields().forEachRemaining(f -> {
                if (!f.getValue().isNull()) {
                    params.put(f.getKey(), f.getValue().asText());
                }
            });
            return params;
        } catch (IOException e) {
            return null;
        }
    }

    static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return query;
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        server.stop(0);
        workers.shutdownNow();
    }
}
