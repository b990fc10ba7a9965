package io.streamgate.gateway.webhook;

import static io.restassured.RestAssured.given;
import static io.streamgate.gateway.webhook.Deliveries.assertNothingReachedKafka;
import static io.streamgate.gateway.webhook.Deliveries.post;
import static io.streamgate.gateway.webhook.Deliveries.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.restassured.RestAssured;
import io.streamgate.core.contract.EventIds;
import io.restassured.response.Response;
import io.streamgate.gateway.support.GatewayTest;
import io.streamgate.gateway.support.TopicReader;
import io.streamgate.gateway.verify.Signer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every way a webhook is refused: the right 4xx as problem+json, never a 500, and nothing of it in Kafka. The open
 * source {@code wh-open} (scheme none, max-body 1 KB) isolates each check from the signature.
 */
@GatewayTest
class WebhookRejectionTest {

    @Autowired
    TopicReader topics;

    @Test
    void anUnknownSourceOrAnEventsSourceIsA404Problem() {
        post("no-such-source", "application/json", Map.of(), utf8("{}")).then().statusCode(404)
                .contentType("application/problem+json").body("title", equalTo("Unknown source"));
        post("raw", "application/json", Map.of(), utf8("{}")).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void anUnsupportedOrMissingMediaTypeIsA415ProblemAndWritesNothing() {
        String nonce = UUID.randomUUID().toString();
        post("wh-open", "text/plain", Map.of(), utf8("{\"n\":\"" + nonce + "\"}")).then().statusCode(415)
                .contentType("application/problem+json");
        given().body(utf8("{\"n\":\"" + nonce + "\"}")).when().post("/webhooks/wh-open").then().statusCode(415)
                .contentType("application/problem+json");
        post("wh-open", "not a media type", Map.of(), utf8("{\"n\":\"" + nonce + "\"}")).then().statusCode(415);
        assertNothingReachedKafka(topics, nonce);
    }

    @Test
    void aBodyOverMaxBodyIsA413ProblemAndWritesNothing() {
        String nonce = UUID.randomUUID().toString();
        byte[] big = utf8("{\"n\":\"" + nonce + "\",\"pad\":\"" + "x".repeat(2048) + "\"}");
        post("wh-open", "application/json", Map.of(), big).then().statusCode(413)
                .contentType("application/problem+json");
        assertNothingReachedKafka(topics, nonce);
    }

    @Test
    void aBodyJustUnderTheDefaultMaxBodyIsAcceptedWhole() {
        String head = "{\"ref\":\"" + UUID.randomUUID() + "\",\"pad\":\"";
        byte[] body = utf8(head + "x".repeat(1024 * 1024 - head.length() - 2) + "\"}");
        Map<String, String> headers = Signer.GITHUB.sign(body, Instant.now());

        post("wh-github", "application/json", headers, body).then().statusCode(200);
        assertThat(Deliveries.onlyRecord(topics, "webhooks.github", EventIds.contentHash("/sources/wh-github", body))
                .value()).isEqualTo(body);
    }

    @Test
    void aRecordLargerThanKafkaAcceptsIsAPermanent413NotA503ToRetryForever() {
        byte[] body = utf8("{\"pad\":\"" + UUID.randomUUID() + "x".repeat(2_500_000) + "\"}");
        post("wh-oversized", "application/json", Map.of(), body).then().statusCode(413)
                .contentType("application/problem+json").body("title", equalTo("Record too large"));
    }

    @Test
    void aChunkedBodyOverMaxBodyIsA413ProblemNotATruncatedRecord() throws Exception {
        String nonce = UUID.randomUUID().toString();
        byte[] big = utf8("{\"n\":\"" + nonce + "\",\"pad\":\"" + "x".repeat(2048) + "\"}");
        // a body of unknown length goes out chunked, with no Content-Length to refuse it by
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port
                        + "/webhooks/wh-open"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build();
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertNothingReachedKafka(topics, nonce);
    }

    @Test
    void malformedJsonIsA400ProblemAndWritesNothing() {
        String nonce = UUID.randomUUID().toString();
        for (String body : new String[] {"{\"n\":\"" + nonce + "\"", "{\"n\":\"" + nonce + "\"} {\"again\":1}", ""}) {
            post("wh-open", "application/json", Map.of(), utf8(body)).then().statusCode(400)
                    .contentType("application/problem+json").body("title", equalTo("Malformed body"));
        }
        assertNothingReachedKafka(topics, nonce);
    }

    @Test
    void aMissingOrWrongSignatureIsTheSame401ProblemWhicheverPartFailed() {
        String nonce = UUID.randomUUID().toString();
        byte[] body = utf8("{\"n\":\"" + nonce + "\"}");
        Response missing = post("wh-github", "application/json", Map.of("X-GitHub-Delivery", nonce), body);
        Response wrong = post("wh-github", "application/json", Signer.GITHUB.sign("wrong", body, Instant.now()), body);
        Response malformed = post("wh-github", "application/json", Map.of("X-Hub-Signature-256", "md5=zz"), body);

        for (Response response : new Response[] {missing, wrong, malformed}) {
            response.then().statusCode(401).contentType("application/problem+json");
        }
        assertThat(wrong.asString()).isEqualTo(missing.asString()).isEqualTo(malformed.asString());
        byte[] marker = utf8("{\"marker\":\"" + UUID.randomUUID() + "\"}");
        String markerId = post("wh-github", "application/json", Signer.GITHUB.sign(marker, Instant.now()), marker)
                .then().statusCode(200).extract().path("ids[0]");
        assertThat(topics.readUpTo("webhooks.github", markerId)).noneMatch(r -> nonce.equals(TopicReader.ceId(r)));
    }

    @Test
    void aRedeliveryWithinTheWindowIsAnswered200WithoutASecondRecord() {
        byte[] body = utf8("{\"ref\":\"refs/heads/main\",\"n\":\"" + UUID.randomUUID() + "\"}");
        Map<String, String> headers = Signer.GITHUB.sign(body, Instant.now());
        String delivery = EventIds.contentHash("/sources/wh-github", body);

        post("wh-github", "application/json", headers, body).then().statusCode(200).body("accepted", equalTo(1));
        post("wh-github", "application/json", headers, body).then().statusCode(200).body("accepted", equalTo(0))
                .body("duplicate", equalTo(true)).body("ids[0]", equalTo(delivery));

        Deliveries.onlyRecord(topics, "webhooks.github", delivery);
        byte[] marker = utf8("{\"marker\":\"" + UUID.randomUUID() + "\"}");
        String markerId = post("wh-github", "application/json", Signer.GITHUB.sign(marker, Instant.now()), marker)
                .then().statusCode(200).extract().path("ids[0]");
        assertThat(topics.readUpTo("webhooks.github", markerId).stream()
                .filter(r -> delivery.equals(TopicReader.ceId(r)))).hasSize(1);
    }
}
