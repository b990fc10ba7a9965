package io.streamgate.gateway.events;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.http.HttpMessageFactory;
import io.cloudevents.jackson.JsonFormat;
import io.restassured.specification.RequestSpecification;
import io.streamgate.core.contract.ContractReader;
import io.streamgate.gateway.support.GatewayTest;
import io.streamgate.gateway.support.TopicReader;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@GatewayTest
class CloudEventsTest {

    static final String TOPIC = "events.ce";

    @Autowired
    TopicReader topics;

    @Test
    void aBinaryModeEventSentWithTheSdkReadsBackFromKafkaEqual() {
        CloudEvent sent = event("{\"reading\":1}").build();

        Map<String, String> headers = new LinkedHashMap<>();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        HttpMessageFactory.createWriter(headers::put, body::writeBytes).writeBinary(sent);

        post(headers, body.toByteArray())
                .then().statusCode(202).body("accepted", equalTo(1)).body("ids", contains(storedId(sent)));

        assertThat(readBack(List.of(storedId(sent)))).containsExactly(stored(sent));
    }

    @Test
    void aStructuredModeEventSentWithTheSdkReadsBackFromKafkaEqual() {
        CloudEvent sent = event("{\"reading\":2}").build();

        Map<String, String> headers = new LinkedHashMap<>();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        HttpMessageFactory.createWriter(headers::put, body::writeBytes).writeStructured(sent, JsonFormat.CONTENT_TYPE);
        assertThat(headers.get("Content-Type")).startsWith("application/cloudevents+json");

        post(headers, body.toByteArray()).then().statusCode(202).body("ids", contains(storedId(sent)));

        assertThat(readBack(List.of(storedId(sent)))).containsExactly(stored(sent));
    }

    @Test
    void aBatchBecomesOneRecordPerEventInOrderEachEqualToTheEventSent() {
        List<CloudEvent> sent = List.of(event("{\"n\":1}").build(), event("{\"n\":2}").build(),
                event("\"plain\"").withDataContentType("text/plain").build());
        String batch = "[" + String.join(",", sent.stream().map(CloudEventsTest::structured).toList()) + "]";

        given().contentType("application/cloudevents-batch+json").auth().oauth2("ce-key").body(batch)
                .when().post("/events/ev-ce")
                .then().statusCode(202).body("accepted", equalTo(3))
                .body("ids", contains(sent.stream().map(CloudEventsTest::storedId).toArray()));

        assertThat(readBack(sent.stream().map(CloudEventsTest::storedId).toList()))
                .containsExactlyElementsOf(sent.stream().map(CloudEventsTest::stored).toList());
    }

    @Test
    void anEventWithoutTimeGetsTheReceiveTimeAndKeepsEverythingElse() {
        String id = UUID.randomUUID().toString();
        OffsetDateTime before = OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1);

        given().auth().oauth2("ce-key").header("ce-specversion", "1.0").header("ce-id", id)
                .header("ce-source", "/producers/meter").header("ce-type", "meter.read")
                .contentType("application/json").body("{\"kwh\":3}")
                .when().post("/events/ev-ce")
                .then().statusCode(202);

        CloudEvent read = ContractReader.read(Records.withIds(topics, TOPIC, List.of("ev-ce/" + id)).get(0));
        assertThat(read.getTime()).isAfter(before);
        assertThat(read.getType()).isEqualTo("meter.read");
        assertThat(read.getSource()).isEqualTo(URI.create("/sources/ev-ce"));
        assertThat(read.getExtension("clientsource")).isEqualTo("/producers/meter");
        assertThat(read.getExtension("clientid")).isEqualTo(id);
        assertThat(read.getDataContentType()).isEqualTo("application/json");
    }

    @Test
    void aBatchWithOneInvalidEventIsRefusedWholeNamingItsIndex() {
        String token = UUID.randomUUID().toString();
        String valid = structured(event("{\"token\":\"" + token + "\"}").build());
        String noId = "{\"specversion\":\"1.0\",\"source\":\"/x\",\"type\":\"t\",\"data\":{\"token\":\"" + token
                + "\"}}";

        given().contentType("application/cloudevents-batch+json").auth().oauth2("ce-key")
                .body("[" + valid + "," + noId + "]")
                .when().post("/events/ev-ce")
                .then().statusCode(400).contentType("application/problem+json").body("index", equalTo(1));

        CloudEvent marker = event("{\"marker\":true}").build();
        given().contentType("application/cloudevents+json").auth().oauth2("ce-key").body(structured(marker))
                .when().post("/events/ev-ce").then().statusCode(202);
        assertThat(Records.valuesUpTo(topics, TOPIC, storedId(marker))).noneMatch(v -> v != null && v.contains(token));
    }

    private static CloudEventBuilder event(String json) {
        return CloudEventBuilder.v1()
                .withId(UUID.randomUUID().toString())
                .withSource(URI.create("/producers/meters"))
                .withType("meter.reading")
                .withSubject("meter-7")
                .withTime(OffsetDateTime.of(2024, 9, 14, 8, 0, 0, 0, ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withExtension("tenant", "acme")
                .withData(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The id the gateway gives a sender's event: scoped to the source that took it. */
    private static String storedId(CloudEvent sent) {
        return "ev-ce/" + sent.getId();
    }

    /** The event as stored: the gateway's source and scoped id, the sender's own as extensions, all else as sent. */
    private static CloudEvent stored(CloudEvent sent) {
        return CloudEventBuilder.v1(sent).withId(storedId(sent)).withSource(URI.create("/sources/ev-ce"))
                .withExtension("clientid", sent.getId()).withExtension("clientsource", sent.getSource().toString())
                .build();
    }

    private static String structured(CloudEvent event) {
        return new String(EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE).serialize(event),
                StandardCharsets.UTF_8);
    }

    private static io.restassured.response.Response post(Map<String, String> headers, byte[] body) {
        RequestSpecification request = given().auth().oauth2("ce-key").body(body);
        headers.forEach((name, value) -> {
            if (name.equalsIgnoreCase("Content-Type")) {
                request.contentType(value);
            } else {
                request.header(name, value);
            }
        });
        return request.when().post("/events/ev-ce");
    }

    private List<CloudEvent> readBack(List<String> ids) {
        return Records.withIds(topics, TOPIC, ids).stream().map(ContractReader::read).toList();
    }
}
