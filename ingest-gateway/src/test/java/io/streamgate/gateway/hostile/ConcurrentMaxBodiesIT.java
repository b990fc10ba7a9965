package io.streamgate.gateway.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.streamgate.gateway.support.BuiltGateway;
import io.streamgate.testsupport.kafka.KafkaBrokerExtension;
import io.streamgate.testsupport.process.ChildJvm;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #13's first finding, against the built jar in a JVM of its own with the deployment heap (-Xmx512m) and the
 * local run's sources (16 MB bodies, 100,000 records): six legitimate bulk bodies of the maximum size at once, three
 * CSV and three NDJSON. Each is answered 202, 4xx or 503 (the memory budget), the gateway never runs out of memory,
 * and a normal request is stored right after.
 */
class ConcurrentMaxBodiesIT {

    private static final int RECORDS = 100_000;
    private static ChildJvm gateway;
    private static String url;

    @BeforeAll
    static void startGateway() throws IOException {
        int port = ChildJvm.freePort();
        gateway = BuiltGateway.start(Files.createTempFile("gateway-max-bodies", ".log"), port,
                List.of("--spring.profiles.active=local",
                        "--spring.kafka.bootstrap-servers=" + KafkaBrokerExtension.shared().bootstrapServers()));
        url = "http://127.0.0.1:" + port;
        HttpClient client = HttpClient.newHttpClient();
        Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> {
                    assertThat(gateway.isAlive()).as("gateway alive; log %s", gateway.logFile()).isTrue();
                    return client.send(HttpRequest.newBuilder(URI.create(url + "/actuator/health/readiness"))
                            .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                });
    }

    @AfterAll
    static void stopGateway() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void sixConcurrentMaxSizeBodiesAreAnsweredWithoutRunningOutOfMemoryAndANormalRequestSucceedsAfter()
            throws IOException {
        byte[] csv = csv();
        byte[] ndjson = ndjson();
        assertThat(csv.length).isLessThanOrEqualTo(16 * 1024 * 1024);
        assertThat(ndjson.length).isLessThanOrEqualTo(16 * 1024 * 1024);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            answers.add(client.sendAsync(post("/events/turnstile", "text/csv", csv), HttpResponse.BodyHandlers.ofString()));
            answers.add(client.sendAsync(post("/events/taxi", "application/x-ndjson", ndjson),
                    HttpResponse.BodyHandlers.ofString()));
        }
        List<Integer> statuses = answers.stream().map(CompletableFuture::join).map(HttpResponse::statusCode).toList();
        assertThat(statuses).as("answers; gateway log %s", gateway.logFile()).allMatch(s -> s == 202 || s == 503 || (s >= 400 && s < 500));

        Awaitility.await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).until(() -> client.send(
                post("/events/taxi", "application/x-ndjson",
                        "{\"PULocationID\":1,\"tpep_pickup_datetime\":\"2024-09-14 08:00:00\"}".getBytes(
                                StandardCharsets.UTF_8)), HttpResponse.BodyHandlers.discarding()).statusCode() == 202);
        assertThat(gateway.isAlive()).isTrue();
        assertThat(gateway.log()).doesNotContain("OutOfMemoryError");
    }

    private static HttpRequest post(String path, String contentType, byte[] body) {
        return HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofMinutes(10)) // a guard, not a bound
                .header("Content-Type", contentType).header("X-API-Key", "demo-key")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    /** MTA rows of about 160 bytes (a long station name), the most the source takes in one request. */
    private static byte[] csv() {
        StringBuilder text = new StringBuilder(RECORDS * 170);
        String station = "59 ST " + "X".repeat(70);
        for (int i = 0; i < RECORDS; i++) {
            text.append("A002,R051,02-00-").append(String.format("%02d", i % 100)).append(',').append(station)
                    .append(",NQR456W,BMT,09/14/2024,").append(String.format("%02d:%02d:00", i / 60 % 24, i % 60))
                    .append(",REGULAR,").append(String.format("%010d", i)).append(",0002590330\n");
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] ndjson() {
        StringBuilder text = new StringBuilder(RECORDS * 170);
        String pad = "y".repeat(80);
        for (int i = 0; i < RECORDS; i++) {
            text.append("{\"PULocationID\":").append(i % 265).append(",\"tpep_pickup_datetime\":\"2024-09-14 ")
                    .append(String.format("%02d:%02d:00", i / 60 % 24, i % 60)).append("\",\"n\":").append(i)
                    .append(",\"pad\":\"").append(pad).append("\"}\n");
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
