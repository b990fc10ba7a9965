package io.streamgate.gateway.webhook;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.RestAssured;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.streamgate.gateway.support.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Sending webhooks to the running app and finding what reached Kafka. */
final class Deliveries {

    private Deliveries() {
    }

    static Response post(String source, String contentType, Map<String, String> headers, byte[] body) {
        // the body's bytes as they are, even for a form: a signature covers exactly those bytes
        RestAssuredConfig asIs = RestAssured.config.encoderConfig(RestAssured.config.getEncoderConfig()
                .encodeContentTypeAs("application/x-www-form-urlencoded", ContentType.BINARY));
        return given().config(asIs).contentType(contentType).headers(headers).body(body)
                .when().post("/webhooks/" + source);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The only record with {@code ceId} in {@code topic}; fails if there is none or more than one. */
    static ConsumerRecord<byte[], byte[]> onlyRecord(TopicReader topics, String topic, String ceId) {
        List<ConsumerRecord<byte[], byte[]>> records = topics.readUpTo(topic, ceId);
        List<ConsumerRecord<byte[], byte[]>> matching = records.stream()
                .filter(record -> ceId.equals(TopicReader.ceId(record))).toList();
        assertThat(matching).as("records with ce_id %s in %s", ceId, topic).hasSize(1);
        return matching.get(0);
    }

    /**
     * Proves without a clock that nothing carrying {@code nonce} reached the open source's topic: a later, valid
     * request is sent and the topic read up to its record.
     */
    static void assertNothingReachedKafka(TopicReader topics, String nonce) {
        String marker = "{\"marker\":\"" + UUID.randomUUID() + "\",\"at\":\"" + Instant.now() + "\"}";
        String markerId = post("wh-open", "application/json", Map.of(), utf8(marker))
                .then().statusCode(200).extract().path("ids[0]");
        assertThat(topics.readUpTo("webhooks.open", markerId))
                .noneMatch(record -> new String(record.value(), StandardCharsets.UTF_8).contains(nonce));
    }
}
