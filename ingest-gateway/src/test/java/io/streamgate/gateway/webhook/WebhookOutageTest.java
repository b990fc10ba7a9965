package io.streamgate.gateway.webhook;

import static io.restassured.RestAssured.given;
import static io.streamgate.gateway.webhook.Deliveries.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.response.Response;
import io.streamgate.core.contract.EventIds;
import io.streamgate.gateway.support.GatewayTest;
import io.streamgate.gateway.support.TopicReader;
import io.streamgate.gateway.verify.Signer;
import io.streamgate.testsupport.kafka.KafkaBroker;
import io.streamgate.testsupport.kafka.KafkaBrokerExtension;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The broker is stopped in the middle of a stream of signed deliveries and started again. Every delivery answered
 * 2xx is in Kafka afterwards, byte for byte; the others got 503 with {@code Retry-After} (or no answer); readiness
 * goes down and comes back; and the gateway takes deliveries again by itself. A short publish timeout keeps the
 * outage brief; it gets a context of its own for that.
 */
@GatewayTest
@TestPropertySource(properties = {"streamgate.publish.timeout=2s", "streamgate.publish.retry-after=1s"})
class WebhookOutageTest {

    private static final int SENDERS = 2;

    @Autowired
    TopicReader topics;

    /** One delivery and what the gateway answered: an HTTP status, or -1 for no answer (connection error). */
    record Outcome(String delivery, byte[] body, int status, String retryAfter) {
    }

    @Test
    void everyAcknowledgedDeliveryIsInKafkaAfterAnOutageAndTheGatewayRecoversByItself() throws Exception {
        KafkaBroker broker = KafkaBrokerExtension.shared();
        ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        try {
            List<Future<?>> streams = java.util.stream.IntStream.range(0, SENDERS)
                    .mapToObj(i -> senders.submit(() -> {
                        while (running.get()) {
                            outcomes.add(deliver());
                        }
                    })).collect(Collectors.toList());

            await().atMost(Duration.ofSeconds(60)).until(() -> count(outcomes, o -> o.status() == 200) >= 20);
            broker.stop();
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> count(outcomes, o -> o.status() != 200) >= 4);
                await().atMost(Duration.ofSeconds(30)).until(() -> readinessStatus() == 503);
            } finally {
                broker.start();
            }
            long okBeforeRecovery = count(outcomes, o -> o.status() == 200);
            await().atMost(Duration.ofSeconds(90)).until(() -> count(outcomes, o -> o.status() == 200)
                    >= okBeforeRecovery + 10);
            await().atMost(Duration.ofSeconds(30)).until(() -> readinessStatus() == 200);
            running.set(false);
            for (Future<?> stream : streams) {
                stream.get(30, TimeUnit.SECONDS);
            }
        } finally {
            running.set(false);
            senders.shutdownNow();
            broker.start();
        }

        List<Outcome> all = List.copyOf(outcomes);
        assertThat(all).allSatisfy(o -> assertThat(o.status()).isIn(200, 503, -1));
        assertThat(all).filteredOn(o -> o.status() == 503)
                .isNotEmpty().allSatisfy(o -> assertThat(o.retryAfter()).isEqualTo("1"));

        // a delivery sent after every other one was answered: each acknowledged record precedes it in the log
        Outcome marker = deliver();
        assertThat(marker.status()).isEqualTo(200);
        Map<String, String> stored = topics.readUpTo("webhooks.outage", marker.delivery()).stream()
                .collect(Collectors.toMap(TopicReader::ceId, r -> text(r.value()), (first, copy) -> first));
        List<Outcome> acknowledged = all.stream().filter(o -> o.status() == 200).toList();
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(30);
        assertThat(acknowledged.stream().filter(o -> !stored.containsKey(o.delivery())).map(Outcome::delivery))
                .as("acknowledged deliveries missing from Kafka").isEmpty();
        assertThat(acknowledged).allSatisfy(o -> assertThat(stored.get(o.delivery())).isEqualTo(text(o.body())));
    }

    private static Outcome deliver() {
        byte[] body = utf8("{\"ref\":\"refs/heads/main\",\"n\":\"" + UUID.randomUUID() + "\",\"at\":\"" + Instant.now()
                + "\"}");
        Map<String, String> headers = Signer.GITHUB.sign("outage-test-secret", body, Instant.now());
        String delivery = EventIds.contentHash("/sources/wh-outage", body); // GitHub records: the body's hash
        try {
            Response response = given().config(RestAssured.config.httpClient(HttpClientConfig.httpClientConfig()
                            .setParam("http.socket.timeout", 30_000)))
                    .contentType("application/json").headers(headers).body(body).when().post("/webhooks/wh-outage");
            return new Outcome(delivery, body, response.statusCode(), response.header("Retry-After"));
        } catch (RuntimeException connectionError) {
            return new Outcome(delivery, body, -1, null);
        }
    }

    private static int readinessStatus() {
        return given().when().get("/actuator/health/readiness").statusCode();
    }

    private static long count(ConcurrentLinkedQueue<Outcome> outcomes, Predicate<Outcome> which) {
        return outcomes.stream().filter(which).count();
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
