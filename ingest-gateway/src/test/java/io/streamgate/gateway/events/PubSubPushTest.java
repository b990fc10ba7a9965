package io.streamgate.gateway.events;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import io.cloudevents.CloudEvent;
import io.streamgate.core.contract.ContractReader;
import io.streamgate.gateway.support.GatewayTest;
import io.streamgate.gateway.support.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@GatewayTest
class PubSubPushTest {

    static final String TOPIC = "events.pubsub";

    @Autowired
    TopicReader topics;

    @Test
    void aPushEnvelopeBecomesARecordWithTheMessageIdPublishTimeDataAndAttributes() {
        String messageId = "msg-" + UUID.randomUUID();
        String data = "{\"station\":\"59 ST\",\"entries\":7578740}";

        given().queryParam("token", "push-token").contentType("application/json")
                .body(envelope(messageId, data, "\"region\":\"nyc\",\"origin\":\"turnstiles\""))
                .when().post("/events/ev-pubsub")
                .then().statusCode(202).body("ids", contains("ev-pubsub/" + messageId));

        ConsumerRecord<byte[], byte[]> record = Records.withIds(topics, TOPIC, List.of("ev-pubsub/" + messageId)).get(0);
        CloudEvent event = ContractReader.read(record);
        assertThat(event.getId()).isEqualTo("ev-pubsub/" + messageId);
        assertThat(event.getTime()).isEqualTo(OffsetDateTime.parse("2024-09-14T08:00:00.123Z"));
        assertThat(event.getType()).isEqualTo("test.pubsub");
        assertThat(event.getSource().toString()).isEqualTo("/sources/ev-pubsub");
        assertThat(event.getDataContentType()).isEqualTo("application/json");
        assertThat(Records.value(record)).isEqualTo(data);
        assertThat(Records.header(record, "origin")).isEqualTo("turnstiles");
        assertThat(Records.header(record, "region")).isEqualTo("nyc");
        assertThat(Records.header(record, "pubsub-subscription")).isEqualTo("projects/p/subscriptions/turnstiles");
        assertThat(Records.key(record)).as("the source's key names the attribute 'region'").isEqualTo("nyc");
    }

    @Test
    void aRotatedOutOrMissingPushTokenIsA401() {
        String body = envelope("msg-" + UUID.randomUUID(), "{}", "");
        given().queryParam("token", "not-the-token").contentType("application/json").body(body)
                .when().post("/events/ev-pubsub")
                .then().statusCode(401).contentType("application/problem+json").body("title", equalTo("Unauthorized"));
        given().contentType("application/json").body(body)
                .when().post("/events/ev-pubsub")
                .then().statusCode(401);
        given().queryParam("token", "old-push-token").contentType("application/json").body(body)
                .when().post("/events/ev-pubsub")
                .then().statusCode(202);
    }

    @Test
    void anEnvelopeWithoutAMessageIdIsA400() {
        given().queryParam("token", "push-token").contentType("application/json")
                .body("{\"message\":{\"data\":\"e30=\",\"publishTime\":\"2024-09-14T08:00:00Z\"},"
                        + "\"subscription\":\"s\"}")
                .when().post("/events/ev-pubsub")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("the Pub/Sub message has no 'messageId'"));
    }

    private static String envelope(String messageId, String data, String attributes) {
        return "{\"message\":{\"attributes\":{" + attributes + "},\"data\":\""
                + Base64.getEncoder().encodeToString(data.getBytes(StandardCharsets.UTF_8)) + "\",\"messageId\":\""
                + messageId + "\",\"message_id\":\"" + messageId + "\",\"publishTime\":\"2024-09-14T08:00:00.123Z\","
                + "\"publish_time\":\"2024-09-14T08:00:00.123Z\"},"
                + "\"subscription\":\"projects/p/subscriptions/turnstiles\"}";
    }
}
