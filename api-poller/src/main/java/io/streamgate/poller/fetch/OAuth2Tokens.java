package io.streamgate.poller.fetch;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamgate.poller.source.AuthConfig;

/**
 * OAuth2 client credentials (RFC 6749 section 4.4): a token cached until shortly before it expires, renewed then or
 * when the provider rejects it. Written here rather than with Spring Security's OAuth2 client because that client
 * is built around servlet/reactive request contexts; a scheduled poller needs only this one grant.
 */
final class OAuth2Tokens {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AuthConfig config;
    private final HttpClient http;
    private final Duration timeout;
    private final Clock clock;
    private String token;
    private Instant renewAt = Instant.MIN;

    OAuth2Tokens(AuthConfig config, HttpClient http, Duration timeout, Clock clock) {
        this.config = config;
        this.http = http;
        this.timeout = timeout;
        this.clock = clock;
    }

    synchronized String token() {
        if (token == null || !clock.instant().isBefore(renewAt)) {
            fetch();
        }
        return token;
    }

    synchronized void invalidate() {
        token = null;
    }

    private void fetch() {
        String form = "grant_type=client_credentials"
                + (config.scope().isBlank() ? "" : "&scope=" + URLEncoder.encode(config.scope(), StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(config.tokenUrl()).timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .header("Authorization", Authenticator.basic(config.clientId(), config.clientSecret()))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        try {
            Instant asked = clock.instant();
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw FetchException.status(response.statusCode(), null);
            }
            JsonNode body = JSON.readTree(response.body());
            String accessToken = body.path("access_token").asText("");
            if (accessToken.isEmpty()) {
                throw new FetchException("token response without access_token", 200, null, false, null);
            }
            long expiresIn = body.path("expires_in").asLong(3600);
            // renew a little early: a tenth of the lifetime, at most 30 s, so a request never carries a dying token
            long margin = Math.min(30, expiresIn / 10);
            token = accessToken;
            renewAt = asked.plusSeconds(expiresIn - margin);
        } catch (IOException e) {
            throw FetchException.io(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw FetchException.io(e);
        }
    }
}
