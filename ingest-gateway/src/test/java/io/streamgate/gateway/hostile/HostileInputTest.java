package io.streamgate.gateway.hostile;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.streamgate.gateway.support.GatewayTest;
import io.streamgate.gateway.support.RawHttp;
import io.streamgate.gateway.support.TopicReader;
import io.streamgate.gateway.verify.Signer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The unfriendly requests of issue #13, each through the running app with the real broker: a 4xx problem (never a
 * 500), or no second record; and what a refused request sent is not in Kafka (read up to a later marker record).
 */
@GatewayTest
class HostileInputTest {

    @Autowired
    TopicReader topics;

    @Test
    void headerBytesFrom0x80To0x9FAreA401ProblemNotA500() {
        for (char c = 0x80; c <= 0x9F; c += 0x0F) {
            RawHttp.Answer apiKey = RawHttp.postToApp("/events/ev-ce", Map.of("X-API-Key", "key" + c,
                    "Content-Type", "application/json"), utf8("{}"));
            assertThat(apiKey.status()).isEqualTo(401);
            assertThat(apiKey.contentType()).startsWith("application/problem+json");
            RawHttp.Answer signature = RawHttp.postToApp("/webhooks/wh-hmac", Map.of("X-Signature-256", "sha256=" + c,
                    "Content-Type", "application/json"), utf8("{}"));
            assertThat(signature.status()).isEqualTo(401);
            assertThat(signature.contentType()).startsWith("application/problem+json");
        }
    }

    @Test
    void anEventTimeOutsideRfc3339YearsIsA400ProblemInEveryFormat() {
        String extreme = "+999999999-12-31T23:59:59-18:00";
        String nonce = UUID.randomUUID().toString();
        given().contentType("application/x-ndjson").header("X-API-Key", "bulk-key")
                .body(utf8("{\"user\":\"" + nonce + "\",\"ts\":\"" + extreme + "\"}")).post("/events/ev-bulk")
                .then().statusCode(400).contentType("application/problem+json").body("index", equalTo(0));
        given().contentType("application/json").header("X-API-Key", "ce-key").header("ce-specversion", "1.0")
                .header("ce-id", nonce).header("ce-source", "/x").header("ce-type", "t").header("ce-time", extreme)
                .body("{}").post("/events/ev-ce").then().statusCode(400).contentType("application/problem+json");
        String envelope = "{\"message\":{\"data\":\"e30=\",\"messageId\":\"" + nonce + "\",\"publishTime\":\""
                + extreme + "\"},\"subscription\":\"s\"}";
        given().contentType("application/json").body(envelope).post("/events/ev-pubsub?token=push-token")
                .then().statusCode(400).contentType("application/problem+json");
        assertNoRecordHolds("events.bulk", nonce);
    }

    @Test
    void aSecondJsonValueAfterTheArrayIsA400AndNothingOfTheBodyIsStored() {
        String nonce = UUID.randomUUID().toString();
        given().contentType("application/json").header("X-API-Key", "bulk-key")
                .body("[{\"user\":\"" + nonce + "\",\"ts\":\"2024-09-14 08:00:00\"}] {\"user\":\"smuggled\"}")
                .post("/events/ev-bulk").then().statusCode(400).contentType("application/problem+json");
        given().contentType("application/cloudevents+json").header("X-API-Key", "ce-key")
                .body(utf8("{\"specversion\":\"1.0\",\"id\":\"" + nonce + "\",\"source\":\"/x\",\"type\":\"t\"} {}"))
                .post("/events/ev-ce").then().statusCode(400).contentType("application/problem+json");
        assertNoRecordHolds("events.bulk", nonce);
    }

    @Test
    void aBlankDeliveryIdOnAValidSignatureIsNeverA500() {
        byte[] github = utf8("{\"ref\":\"" + UUID.randomUUID() + "\"}");
        Map<String, String> headers = new HashMap<>(Signer.GITHUB.sign(github, Instant.now()));
        headers.put("X-GitHub-Delivery", " ");
        RawHttp.Answer blankGithub = RawHttp.postToApp("/webhooks/wh-github", withJson(headers), github);
        assertThat(blankGithub.status()).isEqualTo(200); // GitHub's id is the body's hash: the header is not needed

        byte[] svix = utf8("{\"type\":\"invoice.paid\",\"n\":\"" + UUID.randomUUID() + "\"}");
        Map<String, String> signed = new HashMap<>(Signer.STANDARD_WEBHOOKS.sign(svix, Instant.now()));
        signed.put("webhook-id", " ");
        RawHttp.Answer blankSvix = RawHttp.postToApp("/webhooks/wh-svix", withJson(signed), svix);
        assertThat(blankSvix.status()).isEqualTo(401);
        assertThat(blankSvix.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aBlankCloudEventIdIsA400ProblemInEveryModeAndNothingIsStored() {
        String nonce = UUID.randomUUID().toString();
        given().contentType("application/json").header("X-API-Key", "ce-key").header("ce-specversion", "1.0")
                .header("ce-id", " ").header("ce-source", "/x").header("ce-type", "t")
                .body("{\"n\":\"" + nonce + "\"}").post("/events/ev-ce")
                .then().statusCode(400).contentType("application/problem+json").body("detail", equalTo("event 0 has a blank id"));
        given().contentType("application/cloudevents+json").header("X-API-Key", "ce-key")
                .body("{\"specversion\":\"1.0\",\"id\":\"\",\"source\":\"/x\",\"type\":\"t\",\"data\":{\"n\":\"" + nonce + "\"}}")
                .post("/events/ev-ce").then().statusCode(400).contentType("application/problem+json");
        given().contentType("application/cloudevents-batch+json").header("X-API-Key", "ce-key")
                .body("[{\"specversion\":\"1.0\",\"id\":\"" + nonce + "\",\"source\":\"/x\",\"type\":\"t\"},"
                        + "{\"specversion\":\"1.0\",\"id\":\"\",\"source\":\"/x\",\"type\":\"t\"}]")
                .post("/events/ev-ce").then().statusCode(400).contentType("application/problem+json")
                .body("index", equalTo(1));

        String marker = UUID.randomUUID().toString(); // sent after them: the topic is read up to it
        given().contentType("application/json").header("X-API-Key", "ce-key").header("ce-specversion", "1.0")
                .header("ce-id", marker).header("ce-source", "/x").header("ce-type", "t").body("{}")
                .post("/events/ev-ce").then().statusCode(202);
        assertThat(topics.readUpTo("events.ce", "ev-ce/" + marker)).noneMatch(record ->
                nonce.equals(header(record, "ce_clientid"))
                        || new String(record.value(), StandardCharsets.UTF_8).contains(nonce));
    }

    @Test
    void aCapturedGithubBodyReplayedWithANewDeliveryIdIsNotANewRecordNorCanAVictimsIdPreemptIt() {
        byte[] real = utf8("{\"ref\":\"refs/heads/main\",\"after\":\"" + UUID.randomUUID() + "\"}");
        Map<String, String> realHeaders = Signer.GITHUB.sign(real, Instant.now());
        byte[] decoy = utf8("{\"ref\":\"refs/heads/decoy\",\"after\":\"" + UUID.randomUUID() + "\"}");
        Map<String, String> decoyHeaders = new HashMap<>(Signer.GITHUB.sign(decoy, Instant.now()));
        decoyHeaders.put("X-GitHub-Delivery", realHeaders.get("X-GitHub-Delivery")); // the victim's id, sent first
        webhook("wh-github", "application/json", decoyHeaders, decoy).then().statusCode(200)
                .body("accepted", equalTo(1));

        String id = webhook("wh-github", "application/json", realHeaders, real).then().statusCode(200)
                .body("accepted", equalTo(1)).extract().path("ids[0]");
        Map<String, String> replayHeaders = new HashMap<>(realHeaders);
        replayHeaders.put("X-GitHub-Delivery", UUID.randomUUID().toString());
        webhook("wh-github", "application/json", replayHeaders, real).then().statusCode(200)
                .body("accepted", equalTo(0)).body("duplicate", equalTo(true)).body("ids[0]", equalTo(id));

        ConsumerRecord<byte[], byte[]> record = only("webhooks.github", id);
        assertThat(header(record, "ce_deliveryid")).isEqualTo(realHeaders.get("X-GitHub-Delivery"));
    }

    @Test
    void aStripeBodyResentAsAFormWithinToleranceKeepsItsIdAndIsNoSecondRecord() {
        String eventId = "evt_" + UUID.randomUUID().toString().replace("-", "");
        byte[] body = utf8("{\"id\":\"" + eventId + "\",\"type\":\"customer.created\",\"created\":1686089970}");
        Map<String, String> headers = Signer.STRIPE.sign(body, Instant.now());
        webhook("wh-stripe", "application/json", headers, body).then().statusCode(200)
                .body("ids[0]", equalTo("wh-stripe/" + eventId));
        webhook("wh-stripe", "application/x-www-form-urlencoded", headers, body).then().statusCode(200)
                .body("duplicate", equalTo(true)).body("ids[0]", equalTo("wh-stripe/" + eventId));
        only("webhooks.stripe", "wh-stripe/" + eventId);
    }

    @Test
    void anEventsKeyHolderCannotWriteAnotherSourcesIdentity() {
        String clientId = UUID.randomUUID().toString();
        String id = given().contentType("application/json").header("X-API-Key", "ce-key")
                .header("ce-specversion", "1.0").header("ce-id", clientId)
                .header("ce-source", "/sources/turnstile-hooks").header("ce-type", "mta.turnstile.reading")
                .body("{}").post("/events/ev-ce").then().statusCode(202).extract().path("ids[0]");
        assertThat(id).isEqualTo("ev-ce/" + clientId);
        ConsumerRecord<byte[], byte[]> record = only("events.ce", id);
        assertThat(header(record, "ce_source")).isEqualTo("/sources/ev-ce");
        assertThat(header(record, "ce_clientsource")).isEqualTo("/sources/turnstile-hooks");
        assertThat(header(record, "ce_clientid")).isEqualTo(clientId);
    }

    @Test
    void aRecordKafkaRefusesAsTooLargeNamesWhichRecordsOfTheRequestWereStored() {
        String nonce = UUID.randomUUID().toString();
        String small = "{\"n\":\"" + nonce + "\"}";
        String big = "{\"pad\":\"" + "x".repeat(2_500_000) + "\"}";
        given().contentType("application/x-ndjson").body(utf8(small + "\n" + big + "\n" + small))
                .post("/events/ev-oversized").then().statusCode(413).contentType("application/problem+json")
                .body("records", equalTo(3)).body("stored", equalTo("0")).body("unconfirmed", equalTo(""));
    }

    @Test
    void aCsvBodyToASourceWithoutColumnsStartsWithItsHeaderUnlessTheSourceSaysNot() {
        String nonce = UUID.randomUUID().toString();
        String csv = "station,count\n" + nonce + ",1\n" + nonce + ",2\n";
        given().contentType("text/csv").body(utf8(csv)).post("/events/ev-csv-plain").then().statusCode(202)
                .body("accepted", equalTo(2));
        given().contentType("text/csv").body(utf8(csv)).post("/events/ev-csv-rows").then().statusCode(202)
                .body("accepted", equalTo(3));
        given().contentType("text/csv").body(utf8("station,count\n" + nonce + ",1,extra\n")).post("/events/ev-csv-plain")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void errorsOutsideTheHandlersAreProblemJsonToo() {
        given().get("/no-such-path").then().statusCode(404).contentType(startsWith("application/problem+json"));
        given().get("/error").then().contentType(startsWith("application/problem+json"));
        RawHttp.Answer badPath = RawHttp.postToApp("/events/%zz", Map.of("Content-Type", "application/json"), utf8("{}"));
        assertThat(badPath.status()).isEqualTo(400);
    }

    private void assertNoRecordHolds(String topic, String nonce) {
        String marker = "{\"user\":\"marker\",\"ts\":\"2024-09-14 08:00:00\",\"m\":\"" + UUID.randomUUID() + "\"}";
        String markerId = given().contentType("application/x-ndjson").header("X-API-Key", "bulk-key").body(utf8(marker))
                .post("/events/ev-bulk").then().statusCode(202).extract().path("ids[0]");
        assertThat(topics.readUpTo(topic, markerId))
                .noneMatch(record -> new String(record.value(), StandardCharsets.UTF_8).contains(nonce));
    }

    private ConsumerRecord<byte[], byte[]> only(String topic, String ceId) {
        List<ConsumerRecord<byte[], byte[]>> matching = topics.readUpTo(topic, ceId).stream()
                .filter(record -> ceId.equals(TopicReader.ceId(record))).toList();
        assertThat(matching).as("records with ce_id %s", ceId).hasSize(1);
        return matching.get(0);
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Response webhook(String source, String contentType, Map<String, String> headers, byte[] body) {
        var asIs = RestAssured.config.encoderConfig(EncoderConfig.encoderConfig()
                .appendDefaultContentCharsetToContentTypeIfUndefined(false)
                .encodeContentTypeAs("application/x-www-form-urlencoded", ContentType.BINARY));
        return given().config(asIs).contentType(contentType).headers(headers).body(body).post("/webhooks/" + source);
    }

    private static Map<String, String> withJson(Map<String, String> headers) {
        Map<String, String> all = new HashMap<>(headers);
        all.put("Content-Type", "application/json");
        return all;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
