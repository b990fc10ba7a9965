package io.streamgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The pipeline's inputs over HTTP, as a third party, a producer and the provider see them: signed webhooks and CSV
 * event batches to the gateway, and the simulator's feed (what the poller pulls).
 */
final class Channels {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI gateway;
    private final URI simulator;
    private final List<TurnstileReading> pushed = new CopyOnWriteArrayList<>();

    Channels(URI gateway, URI simulator) {
        this.gateway = gateway;
        this.simulator = simulator;
    }

    /** Every row the simulator serves: its whole CSV feed in one page. */
    List<TurnstileReading> servedFeed() {
        String body = send(HttpRequest.newBuilder(simulator.resolve("/turnstile/rows.csv?header=false&$limit=1000000"))
                .build(), 200);
        return body.lines().filter(line -> !line.isBlank()).map(TurnstileReading::parse).toList();
    }

    /** Every reading the gateway accepted, copies included, from both push channels. */
    List<TurnstileReading> pushed() {
        return List.copyOf(pushed);
    }

    /** One CSV batch to {@code /events/turnstile}; answered 202 once Kafka holds every row. */
    void postEvents(List<TurnstileReading> rows, boolean withHeader) {
        StringBuilder body = new StringBuilder(withHeader ? TurnstileReading.HEADER + "\r\n" : "");
        rows.forEach(r -> body.append(r.csv()).append("\r\n"));
        send(HttpRequest.newBuilder(gateway.resolve("/events/turnstile"))
                .header("Content-Type", "text/csv").header("X-API-Key", Pipeline.API_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), 202);
        pushed.addAll(rows);
    }

    /**
     * One reading as a signed webhook to {@code /webhooks/turnstile-hooks}. {@code pretty}: the same object in other
     * bytes, as a sender that re-serialises on retry would send it (a new delivery id, the same reading).
     */
    void postWebhook(TurnstileReading reading, boolean pretty) {
        try {
            byte[] body = (pretty ? JSON.writerWithDefaultPrettyPrinter() : JSON.writer()).writeValueAsBytes(reading.json());
            send(HttpRequest.newBuilder(gateway.resolve("/webhooks/turnstile-hooks"))
                    .header("Content-Type", "application/json")
                    .header("X-Signature-256", "sha256=" + hmacSha256Hex(Pipeline.WEBHOOK_SECRET, body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), 200);
            pushed.add(reading);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String send(HttpRequest request, int expectedStatus) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("%s %s answered %s", request.method(), request.uri(), response.body())
                    .isEqualTo(expectedStatus);
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String hmacSha256Hex(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
