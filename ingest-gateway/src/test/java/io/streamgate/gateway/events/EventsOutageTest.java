package io.streamgate.gateway.events;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.restassured.response.ValidatableResponse;
import io.streamgate.gateway.support.GatewayTest;
import io.streamgate.gateway.support.TopicReader;
import io.streamgate.testsupport.kafka.KafkaBroker;
import io.streamgate.testsupport.kafka.KafkaBrokerExtension;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * A batch sent while the broker is down is not acknowledged: the client is told to retry (503 with
 * {@code Retry-After}); the retry, once the broker is back, is acknowledged with the same ids, and every record of
 * the batch is then in Kafka. (Same short publish timeout as WebhookOutageTest, so the two share a context.)
 */
@GatewayTest
@TestPropertySource(properties = {"streamgate.publish.timeout=2s", "streamgate.publish.retry-after=1s"})
class EventsOutageTest {

    static final String TOPIC = "events.turnstile";

    @Autowired
    TopicReader topics;

    @Test
    void aBatchSentDuringAnOutageIsRefusedWithRetryAfterAndItsRetryStoresEveryRecordWithTheSameIds() {
        List<String> rows = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        String run = String.valueOf(Math.abs(UUID.randomUUID().getLeastSignificantBits() % 1_000_000L));
        for (int i = 0; i < 50; i++) {
            String row = "R" + run + ",R051,02-00-" + i + ",59 ST,NQR456W,BMT,09/14/2024,04:00:00,REGULAR," + i + ",0";
            rows.add(row);
            ids.add(TurnstileCsvTest.hash(row));
        }
        String body = TurnstileCsvTest.HEADER + "\n" + String.join("\n", rows);
        send(body).statusCode(202);

        KafkaBroker broker = KafkaBrokerExtension.shared();
        broker.stop();
        try {
            send(body).statusCode(503).contentType("application/problem+json").header("Retry-After", "1");
        } finally {
            broker.start();
        }

        send(body).statusCode(202).body("accepted", equalTo(50)).body("ids", equalTo(ids));

        String marker = "M" + run + ",R051,02-00-00,59 ST,NQR456W,BMT,09/14/2024,08:00:00,REGULAR,1,0";
        send(TurnstileCsvTest.HEADER + "\n" + marker).statusCode(202);
        assertThat(topics.readUpTo(TOPIC, TurnstileCsvTest.hash(marker))).extracting(TopicReader::ceId)
                .containsAll(ids);
    }

    private static ValidatableResponse send(String body) {
        return given().auth().oauth2("turnstile-key").contentType("text/csv")
                .body(body.getBytes(StandardCharsets.UTF_8))
                .when().post("/events/ev-turnstile").then();
    }
}
