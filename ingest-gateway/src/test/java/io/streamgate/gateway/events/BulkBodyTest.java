package io.streamgate.gateway.events;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.cloudevents.CloudEvent;
import io.streamgate.core.contract.ContractReader;
import io.streamgate.core.contract.EventIds;
import io.streamgate.gateway.support.GatewayTest;
import io.streamgate.gateway.support.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@GatewayTest
class BulkBodyTest {

    static final String TOPIC = "events.bulk";

    @Autowired
    TopicReader topics;

    @Test
    void anNdjsonBodyIsARecordPerLineWithIdsFromTheIdempotencyKeyAndIndex() {
        String batch = "batch-" + UUID.randomUUID();
        String first = "{\"user\":\"ada\",\"ts\":\"2024-09-14T08:00:00Z\",\"n\":1}";
        String second = "{\"user\":\"bob\",\"ts\":\"2024-09-14 10:30:00\",\"n\":2}";

        given().auth().oauth2("bulk-key").header("Idempotency-Key", batch).header("X-Tenant", "acme")
                .contentType("application/x-ndjson").body(Records.bytes(first + "\n" + second + "\n"))
                .when().post("/events/ev-bulk")
                .then().statusCode(202).body("accepted", equalTo(2)).body("ids", contains("ev-bulk/" + batch + ":0", "ev-bulk/" + batch + ":1"));

        List<ConsumerRecord<byte[], byte[]>> records = Records.withIds(topics, TOPIC, List.of("ev-bulk/" + batch + ":0",
                "ev-bulk/" + batch + ":1"));
        assertThat(records).extracting(Records::value).containsExactly(first, second);
        assertThat(records).extracting(Records::key).containsExactly("ada", "bob");
        assertThat(records).extracting(r -> Records.header(r, "x-tenant")).containsExactly("acme", "acme");
        CloudEvent event = ContractReader.read(records.get(1));
        assertThat(event.getType()).isEqualTo("test.bulk");
        assertThat(event.getDataContentType()).isEqualTo("application/json");
        assertThat(event.getTime()).as("local time in the source's zone (Paris, UTC+2 in September)")
                .isEqualTo(OffsetDateTime.parse("2024-09-14T08:30:00Z"));
        assertThat(ContractReader.read(records.get(0)).getTime()).isEqualTo(OffsetDateTime.parse("2024-09-14T08:00Z"));
    }

    @Test
    void aJsonArrayIsARecordPerElementKeptAsSentWithContentHashIds() {
        String token = UUID.randomUUID().toString();
        String first = "{ \"user\": \"ada\", \"ts\": \"2024-09-14T08:00:00Z\", \"t\": \"" + token + "\" }";
        String second = "{\"user\":\"cy\",\"ts\":\"2024-09-14T09:00:00Z\",\"t\":\"" + token + "\"}";
        List<String> ids = List.of(hash(first), hash(second));

        String body = "[\n  " + first + ",\n  " + second + "\n]";
        given().auth().oauth2("bulk-key").contentType("application/json").body(body)
                .when().post("/events/ev-bulk")
                .then().statusCode(202).body("ids", contains(ids.toArray()));
        assertThat(Records.withIds(topics, TOPIC, ids)).extracting(Records::value).containsExactly(first, second);

        given().auth().oauth2("bulk-key").contentType("application/json").body(body)
                .when().post("/events/ev-bulk")
                .then().statusCode(202).body("ids", contains(ids.toArray()));
    }

    @Test
    void aMalformedLineRefusesTheWholeBodyNamingItsIndexAndWritesNothing() {
        String token = UUID.randomUUID().toString();
        String body = "{\"user\":\"ada\",\"ts\":\"2024-09-14T08:00:00Z\",\"t\":\"" + token + "\"}\n{\"user\":\n";

        given().auth().oauth2("bulk-key").contentType("application/x-ndjson").body(Records.bytes(body))
                .when().post("/events/ev-bulk")
                .then().statusCode(400).contentType("application/problem+json").body("index", equalTo(1));

        String marker = "{\"user\":\"marker\",\"ts\":\"2024-09-14T08:00:00Z\",\"m\":\"" + UUID.randomUUID() + "\"}";
        given().auth().oauth2("bulk-key").contentType("application/x-ndjson").body(Records.bytes(marker))
                .when().post("/events/ev-bulk").then().statusCode(202);
        assertThat(Records.valuesUpTo(topics, TOPIC, hash(marker))).noneMatch(v -> v.contains(token));
    }

    @Test
    void aRecordWithoutItsEventTimeIsA400NamingIt() {
        given().auth().oauth2("bulk-key").contentType("application/x-ndjson")
                .body(Records.bytes("{\"user\":\"ada\",\"ts\":\"2024-09-14T08:00:00Z\"}\n"
                        + "{\"user\":\"ada\",\"ts\":\"yesterday\"}"))
                .when().post("/events/ev-bulk")
                .then().statusCode(400).body("index", equalTo(1)).body("detail", containsString("yesterday"));
    }

    @Test
    void anUnsupportedContentTypeIsA415Problem() {
        given().auth().oauth2("bulk-key").contentType("text/plain").body("hello")
                .when().post("/events/ev-bulk")
                .then().statusCode(415).contentType("application/problem+json")
                .body("title", equalTo("Unsupported media type")).body("detail", containsString("text/plain"));
    }

    private static String hash(String record) {
        return EventIds.contentHash("/sources/ev-bulk", record.getBytes(StandardCharsets.UTF_8));
    }
}
