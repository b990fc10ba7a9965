package io.streamgate.poller.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Demo traffic for a running gateway: turnstile readings of real stations ({@link DemoReadings}) at a steady rate,
 * sent once a second either as one CSV batch to {@code POST /events/turnstile} ({@code X-API-Key}) or as one signed
 * webhook per reading to {@code POST /webhooks/turnstile-hooks} ({@code X-Signature-256}, HMAC-SHA256).
 *
 * <pre>
 * java -cp api-poller.jar -Dloader.main=io.streamgate.poller.simulator.DemoTraffic \
 *      org.springframework.boot.loader.launch.PropertiesLauncher \
 *      [--gateway http://127.0.0.1:8080] [--api-key demo-key] [--secret demo-webhook-secret] [--rate 20/s] \
 *      [--mode events|webhooks] [--duration PT10M] [--turnstiles 40] [--seed 1]
 * </pre>
 * Without {@code --duration} it runs until stopped.
 * A request the gateway answers 429 or 503 is sent again after its {@code Retry-After}: the gateway's ids are
 * deterministic, so a repeat is safe.
 */
public final class DemoTraffic {

    record Options(URI gateway, String apiKey, String secret, int ratePerSecond, String mode, Duration duration,
            int turnstiles, long seed) {

        static Options parse(String... args) {
            Map<String, String> opts = new HashMap<>();
            for (int i = 0; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(args[i] + ": value missing");
                }
                opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
            }
            String mode = opts.getOrDefault("mode", "events");
            if (!mode.equals("events") && !mode.equals("webhooks")) {
                throw new IllegalArgumentException("--mode: events or webhooks, not " + mode);
            }
            int rate = Integer.parseInt(opts.getOrDefault("rate", "20/s").replaceFirst("/s$", ""));
            if (rate < 1) {
                throw new IllegalArgumentException("--rate: at least 1/s");
            }
            return new Options(URI.create(opts.getOrDefault("gateway", "http://127.0.0.1:8080")),
                    opts.getOrDefault("api-key", "demo-key"), opts.getOrDefault("secret", "demo-webhook-secret"), rate,
                    mode, opts.containsKey("duration") ? Duration.parse(opts.get("duration")) : null,
                    Integer.parseInt(opts.getOrDefault("turnstiles", "40")),
                    Long.parseLong(opts.getOrDefault("seed", "1")));
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Options options;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    DemoTraffic(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        System.out.printf("Demo traffic: %d readings/s as %s to %s%s%n", options.ratePerSecond(), options.mode(),
                options.gateway(), options.duration() == null ? "" : " for " + options.duration());
        new DemoTraffic(options).run();
    }

    void run() throws IOException, InterruptedException, GeneralSecurityException {
        DemoReadings readings = new DemoReadings(options.turnstiles(), options.seed(), 0.03, 0.05, Duration.ofHours(2));
        Instant end = options.duration() == null ? Instant.MAX : Instant.now().plus(options.duration());
        long sent = 0;
        for (Instant second = Instant.now(); second.isBefore(end); second = second.plusSeconds(1)) {
            List<Reading> batch = new ArrayList<>();
            for (int i = 0; i < options.ratePerSecond(); i++) {
                batch.add(readings.next(LocalDateTime.now(Reading.NEW_YORK)));
            }
            if (options.mode().equals("events")) {
                send(eventsRequest(batch));
            } else {
                for (Reading reading : batch) {
                    send(webhookRequest(reading));
                }
            }
            sent += batch.size();
            if (sent % (options.ratePerSecond() * 10L) == 0) {
                System.out.printf("%d readings sent%n", sent);
            }
            long wait = Duration.between(Instant.now(), second.plusSeconds(1)).toMillis();
            if (wait > 0) {
                Thread.sleep(wait); // pacing the demo's rate, not synchronisation
            }
        }
        System.out.printf("Done: %d readings sent%n", sent);
    }

    HttpRequest eventsRequest(List<Reading> batch) {
        StringBuilder body = new StringBuilder();
        batch.forEach(r -> body.append(r.csv()).append("\r\n"));
        return HttpRequest.newBuilder(options.gateway().resolve("/events/turnstile"))
                .header("Content-Type", "text/csv; header=absent").header("X-API-Key", options.apiKey())
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build();
    }

    HttpRequest webhookRequest(Reading reading) throws IOException, GeneralSecurityException {
        byte[] body = JSON.writeValueAsBytes(DemoReadings.json(reading));
        return HttpRequest.newBuilder(options.gateway().resolve("/webhooks/turnstile-hooks"))
                .header("Content-Type", "application/json")
                .header("X-Signature-256", "sha256=" + hmacSha256Hex(options.secret(), body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    static String hmacSha256Hex(String secret, byte[] body) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }

    private void send(HttpRequest request) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status / 100 == 2) {
                return;
            }
            if ((status != 429 && status != 503) || attempt == 5) {
                System.err.printf("%s answered %d: %s%n", request.uri(), status, response.body());
                return;
            }
            long retryAfter = response.headers().firstValueAsLong("Retry-After").orElse(1);
            Thread.sleep(Duration.ofSeconds(retryAfter).toMillis()); // the gateway's Retry-After, as it asks
        }
    }
}
