package io.streamgate.gateway.publish;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.oneOf;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import io.restassured.response.Response;
import io.streamgate.gateway.support.GatewayTest;
import io.streamgate.gateway.support.TopicReader;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * A producer whose network thread died (here of a simulated OutOfMemoryError, as in issue #13) is replaced: the
 * gateway goes back to storing records instead of answering 503 for ever, and liveness stays UP.
 */
@GatewayTest
@TestPropertySource(properties = {
        "spring.kafka.producer.properties.interceptor.classes=io.streamgate.gateway.publish.ProducerKiller",
        "streamgate.publish.timeout=3s",
        // a name of its own: the producer's client id (and its network thread's name) then differs from those of the
        // other test contexts in this JVM, as it does from any other producer in a deployed gateway's JVM
        "spring.application.name=producer-recovery"})
class ProducerRecoveryTest {

    @Autowired
    TopicReader topics;

    @Autowired
    ProducerWatchdog watchdog;

    @Test
    void aProducerWhoseNetworkThreadDiedIsReplacedAndRecordsAreStoredAgain() {
        send().then().statusCode(202);
        long replacedBefore = watchdog.replacements();

        ProducerKiller.arm();
        send().then().statusCode(oneOf(202, 503)); // its acknowledgement kills the thread (before or after it)

        AtomicReference<String> storedId = new AtomicReference<>();
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
            Response answer = send();
            if (answer.statusCode() == 202) {
                storedId.set(answer.path("ids[0]"));
                return watchdog.replacements() > replacedBefore;
            }
            return false;
        });
        assertThat(topics.readUpTo(ProducerKiller.TOPIC, storedId.get())).isNotEmpty();
        given().get("/actuator/health/liveness").then().statusCode(200);
    }

    private static Response send() {
        return given().contentType("application/x-ndjson").body(("{\"n\":\"" + UUID.randomUUID() + "\"}").getBytes(StandardCharsets.UTF_8))
                .post("/events/ev-killer");
    }
}
