package io.streamgate.poller.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;

/**
 * The simulator's credentials, chosen by path prefix: {@code /key/} (header {@code X-API-Key} or query
 * {@code api_key}), {@code /basic/} (basic auth), {@code /oauth/} (bearer tokens from {@code POST /oauth2/token},
 * client credentials, expiring after {@code tokenTtl}). Other paths are open.
 */
final class SimulatorAuth {

    static final String API_KEY = "sim-key";
    static final String USERNAME = "poller";
    static final String PASSWORD = "sim-pass";
    static final String CLIENT_ID = "poller-client";
    static final String CLIENT_SECRET = "sim-secret";

    private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
    private final AtomicInteger issued = new AtomicInteger();
    private final Duration tokenTtl;
    private final Clock clock = Clock.systemUTC();

    SimulatorAuth(Duration tokenTtl) {
        this.tokenTtl = tokenTtl;
    }

    /** Whether the request may see {@code path}. */
    boolean allowed(String path, HttpExchange exchange, Map<String, String> query) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (path.startsWith("/key/")) {
            return API_KEY.equals(exchange.getRequestHeaders().getFirst("X-API-Key"))
                    || API_KEY.equals(query.get("api_key"));
        }
        if (path.startsWith("/basic/")) {
            return basic(USERNAME, PASSWORD).equals(authorization);
        }
        if (path.startsWith("/oauth/")) {
            if (authorization == null || !authorization.startsWith("Bearer ")) {
                return false;
            }
            Instant expires = tokens.get(authorization.substring(7));
            return expires != null && clock.instant().isBefore(expires);
        }
        return true;
    }

    /** A token response, or null when the client's credentials are wrong. */
    Map<String, Object> issue(HttpExchange exchange) {
        if (!basic(CLIENT_ID, CLIENT_SECRET).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            return null;
        }
        String token = UUID.randomUUID().toString();
        tokens.put(token, clock.instant().plus(tokenTtl));
        issued.incrementAndGet();
        return Map.of("access_token", token, "token_type", "Bearer", "expires_in", tokenTtl.toSeconds());
    }

    void revokeAll() {
        tokens.clear();
    }

    int issued() {
        return issued.get();
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
