package io.streamgate.gateway.webhook;

import static io.streamgate.gateway.webhook.Deliveries.onlyRecord;
import static io.streamgate.gateway.webhook.Deliveries.post;
import static io.streamgate.gateway.webhook.Deliveries.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.cloudevents.CloudEvent;
import io.streamgate.core.contract.ContractReader;
import io.streamgate.core.contract.EventIds;
import io.streamgate.gateway.support.GatewayTest;
import io.streamgate.gateway.support.TopicReader;
import io.streamgate.gateway.verify.Signer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Each scheme through the running app and a real broker: a delivery signed by the provider's own library is
 * answered 200 once its record is in Kafka, readable by the CloudEvents SDK, with the provider's id, type and time,
 * the source's key, the allowlisted headers, and the body byte for byte; a tampered or stale one is a 401 problem
 * and never reaches Kafka.
 */
@GatewayTest
class WebhookSchemesTest {

    @Autowired
    TopicReader topics;

    @Test
    void githubDeliveryBecomesARecordIdentifiedByItsBodyWithItsDeliveryIdEventTypeKeyAndAllowlistedHeaders() {
        byte[] body = utf8("{\"ref\":\"refs/heads/main\",  \"repository\":{\"id\":1296269,"
                + "\"full_name\":\"octocat/Hello-World\"},\"note\":\"caf\u00e9\"}");
        Map<String, String> headers = new HashMap<>(Signer.GITHUB.sign(body, Instant.now()));
        headers.put("X-GitHub-Hook-ID", "292430182");
        headers.put("X-Not-Allowlisted", "dropped");
        String delivery = headers.get("X-GitHub-Delivery");
        String id = EventIds.contentHash("/sources/wh-github", body);

        post("wh-github", "application/json", headers, body).then().statusCode(200)
                .body("accepted", equalTo(1)).body("ids[0]", equalTo(id));

        ConsumerRecord<byte[], byte[]> record = onlyRecord(topics, "webhooks.github", id);
        CloudEvent event = ContractReader.read(record);
        assertThat(event.getExtension("deliveryid")).isEqualTo(delivery);
        assertThat(event.getType()).isEqualTo("github.push");
        assertThat(event.getSource()).hasToString("/sources/wh-github");
        assertThat(event.getDataContentType()).isEqualTo("application/json");
        assertThat(event.getTime()).isNotNull();
        assertThat(record.key()).asString(StandardCharsets.UTF_8).isEqualTo("1296269");
        assertThat(record.value()).isEqualTo(body);
        assertThat(record.headers().lastHeader("X-GitHub-Event").value()).asString(StandardCharsets.UTF_8)
                .isEqualTo("push");
        assertThat(record.headers().lastHeader("X-GitHub-Hook-ID").value()).asString(StandardCharsets.UTF_8)
                .isEqualTo("292430182");
        assertThat(record.headers().lastHeader("X-Not-Allowlisted")).isNull();
    }

    @Test
    void stripeEventBecomesARecordWithTheEventsIdTypeAndCreationTime() {
        long created = Instant.now().getEpochSecond() - 30;
        String id = "evt_" + UUID.randomUUID().toString().replace("-", "");
        byte[] body = utf8("{\n  \"id\": \"" + id + "\",\n  \"object\": \"event\",\n"
                + "  \"type\": \"customer.created\",\n  \"created\": " + created + ",\n"
                + "  \"data\": {\"object\": {\"customer\": \"cus_9s6XKzkNRiz8i3\"}}\n}");

        post("wh-stripe", "application/json; charset=utf-8", Signer.STRIPE.sign(body, Instant.now()), body)
                .then().statusCode(200).body("ids[0]", equalTo("wh-stripe/" + id));

        ConsumerRecord<byte[], byte[]> record = onlyRecord(topics, "webhooks.stripe", "wh-stripe/" + id);
        CloudEvent event = ContractReader.read(record);
        assertThat(event.getType()).isEqualTo("stripe.customer.created");
        assertThat(event.getTime()).isEqualTo(OffsetDateTime.ofInstant(Instant.ofEpochSecond(created), ZoneOffset.UTC));
        assertThat(record.key()).asString(StandardCharsets.UTF_8).isEqualTo("cus_9s6XKzkNRiz8i3");
        assertThat(record.value()).isEqualTo(body);
    }

    @Test
    void standardWebhooksMessageBecomesARecordWithTheWebhookIdAndItsPayloadType() {
        byte[] body = utf8("{\"type\":\"invoice.paid\",\"timestamp\":\"2026-11-22T04:58:00Z\",\"data\":{\"n\":1}}");
        Map<String, String> headers = Signer.STANDARD_WEBHOOKS.sign(body, Instant.now());
        String id = headers.get("webhook-id");

        post("wh-svix", "application/json", headers, body).then().statusCode(200)
                .body("ids[0]", equalTo("wh-svix/" + id));

        ConsumerRecord<byte[], byte[]> record = onlyRecord(topics, "webhooks.svix", "wh-svix/" + id);
        CloudEvent event = ContractReader.read(record);
        assertThat(event.getType()).isEqualTo("invoice.paid");
        assertThat(event.getTime()).isEqualTo(OffsetDateTime.parse("2026-11-22T04:58:00Z"));
        assertThat(record.key()).asString(StandardCharsets.UTF_8).isEqualTo(id);
        assertThat(record.value()).isEqualTo(body);
    }

    @Test
    void svixHeaderNamesAreAcceptedToo() {
        byte[] body = utf8("{\"type\":\"user.created\",\"data\":{\"id\":\"" + UUID.randomUUID() + "\"}}");
        Map<String, String> svix = new HashMap<>();
        Signer.STANDARD_WEBHOOKS.sign(body, Instant.now()).forEach((name, value) -> svix.put(
                name.replace("webhook-", "svix-"), value));

        post("wh-svix", "application/json", svix, body).then().statusCode(200)
                .body("ids[0]", equalTo("wh-svix/" + svix.get("svix-id")));
        assertThat(onlyRecord(topics, "webhooks.svix", "wh-svix/" + svix.get("svix-id")).value()).isEqualTo(body);
    }

    @Test
    void shopifyWebhookBecomesARecordIdentifiedByItsBodyWithItsWebhookIdTopicAndShopAsKey() {
        byte[] body = utf8("{\"id\":820982911946154508,\"email\":\"jon@example.com\",\"total_price\":\""
                + UUID.randomUUID() + "\"}");
        Map<String, String> headers = Signer.SHOPIFY.sign(body, Instant.now());
        String id = EventIds.contentHash("/sources/wh-shopify", body);

        post("wh-shopify", "application/json", headers, body).then().statusCode(200).body("ids[0]", equalTo(id));

        ConsumerRecord<byte[], byte[]> record = onlyRecord(topics, "webhooks.shopify", id);
        assertThat(ContractReader.read(record).getType()).isEqualTo("shopify.orders/create");
        assertThat(ContractReader.read(record).getExtension("deliveryid")).isEqualTo(headers.get("X-Shopify-Webhook-Id"));
        assertThat(record.key()).asString(StandardCharsets.UTF_8).isEqualTo("example.myshopify.com");
        assertThat(record.value()).isEqualTo(body);
    }

    @Test
    void slackEventCallbackBecomesARecordWithItsEventIdAndEventType() {
        String eventId = "Ev" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
        long eventTime = Instant.now().getEpochSecond() - 5;
        byte[] body = utf8("{\"token\":\"XXYYZZ\",\"team_id\":\"T061EG9R6\",\"type\":\"event_callback\","
                + "\"event_id\":\"" + eventId + "\",\"event_time\":" + eventTime
                + ",\"event\":{\"type\":\"app_mention\",\"text\":\"<@U0LAN0Z89> hi\"}}");

        post("wh-slack", "application/json", Signer.SLACK.sign(body, Instant.now()), body).then().statusCode(200)
                .body("ids[0]", equalTo("wh-slack/" + eventId));

        ConsumerRecord<byte[], byte[]> record = onlyRecord(topics, "webhooks.slack", "wh-slack/" + eventId);
        CloudEvent event = ContractReader.read(record);
        assertThat(event.getType()).isEqualTo("slack.app_mention");
        assertThat(event.getTime()).isEqualTo(OffsetDateTime.ofInstant(Instant.ofEpochSecond(eventTime),
                ZoneOffset.UTC));
        assertThat(record.key()).asString(StandardCharsets.UTF_8).isEqualTo("T061EG9R6");
    }

    @Test
    void slackUrlVerificationIsAnsweredWithTheChallengeAndWritesNothing() {
        String challenge = "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P-" + UUID.randomUUID();
        byte[] body = utf8("{\"token\":\"Jhj5dZrVaK7ZwHHjRyZWjbDl\",\"challenge\":\"" + challenge
                + "\",\"type\":\"url_verification\"}");

        post("wh-slack", "application/json", Signer.SLACK.sign(body, Instant.now()), body)
                .then().statusCode(200).body("challenge", equalTo(challenge));

        byte[] marker = utf8("{\"type\":\"event_callback\",\"event_id\":\"EvM" + UUID.randomUUID() + "\"}");
        String markerId = post("wh-slack", "application/json", Signer.SLACK.sign(marker, Instant.now()), marker)
                .then().statusCode(200).extract().path("ids[0]");
        assertThat(topics.readUpTo("webhooks.slack", markerId))
                .noneMatch(record -> new String(record.value(), StandardCharsets.UTF_8).contains(challenge));
    }

    @Test
    void aFormEncodedSlashCommandIsKeptAsReceivedAndIdentifiedByItsHash() {
        byte[] body = utf8("token=gIkuvaNzQIHg97ATvDxqgjtO&team_id=T0001&command=%2Fweather&text=94070+"
                + UUID.randomUUID() + "&trigger_id=13345224609.738474920.8088930838d88f008e0");
        String id = EventIds.contentHash("/sources/wh-slack", body);

        post("wh-slack", "application/x-www-form-urlencoded", Signer.SLACK.sign(body, Instant.now()), body)
                .then().statusCode(200).body("ids[0]", equalTo(id));

        ConsumerRecord<byte[], byte[]> record = onlyRecord(topics, "webhooks.slack", id);
        assertThat(record.value()).isEqualTo(body);
        assertThat(ContractReader.read(record).getDataContentType()).isEqualTo("application/x-www-form-urlencoded");
    }

    @Test
    void genericHmacDeliveryIsIdentifiedByTheHashOfSourceAndBody() {
        byte[] body = utf8("{\"order\":\"" + UUID.randomUUID() + "\"}");
        String id = EventIds.contentHash("/sources/wh-hmac", body);

        post("wh-hmac", "application/json", Signer.HMAC_SHA256.sign(body, Instant.now()), body)
                .then().statusCode(200).body("ids[0]", equalTo(id));

        ConsumerRecord<byte[], byte[]> record = onlyRecord(topics, "webhooks.hmac", id);
        assertThat(ContractReader.read(record).getType()).isEqualTo("test.hmac");
        assertThat(record.value()).isEqualTo(body);
    }

    @ParameterizedTest
    @EnumSource(Signer.class)
    void aTamperedBodyIsA401ProblemAndNeverReachesKafka(Signer signer) {
        String nonce = UUID.randomUUID().toString();
        byte[] signed = utf8("{\"id\":\"evt_" + nonce + "\",\"amount\":100}");
        byte[] tampered = utf8("{\"id\":\"evt_" + nonce + "\",\"amount\":999}");

        post(source(signer), "application/json", signer.sign(signed, Instant.now()), tampered)
                .then().statusCode(401).contentType("application/problem+json")
                .body("detail", equalTo("The request's signature could not be verified."));

        assertNothingReached(signer, nonce);
    }

    @ParameterizedTest
    @EnumSource(value = Signer.class, names = {"STRIPE", "STANDARD_WEBHOOKS", "SLACK"})
    void aGenuineButStaleOrFutureSignatureIsA401AndNeverReachesKafka(Signer signer) {
        for (Instant signedAt : new Instant[] {Instant.now().minusSeconds(6 * 60), Instant.now().plusSeconds(6 * 60)}) {
            String nonce = UUID.randomUUID().toString();
            byte[] body = utf8("{\"id\":\"evt_" + nonce + "\"}");
            post(source(signer), "application/json", signer.sign(body, signedAt), body)
                    .then().statusCode(401).contentType("application/problem+json");
            assertNothingReached(signer, nonce);
        }
    }

    private void assertNothingReached(Signer signer, String nonce) {
        byte[] marker = utf8("{\"id\":\"evt_marker_" + UUID.randomUUID() + "\",\"type\":\"marker\",\"event_id\":\"Ev"
                + UUID.randomUUID() + "\"}");
        String markerId = post(source(signer), "application/json", signer.sign(marker, Instant.now()), marker)
                .then().statusCode(200).extract().path("ids[0]");
        assertThat(topics.readUpTo(topic(signer), markerId))
                .noneMatch(record -> new String(record.value(), StandardCharsets.UTF_8).contains(nonce));
    }

    static String source(Signer signer) {
        return switch (signer) {
            case GITHUB -> "wh-github";
            case SHOPIFY -> "wh-shopify";
            case HMAC_SHA256 -> "wh-hmac";
            case STRIPE -> "wh-stripe";
            case STANDARD_WEBHOOKS -> "wh-svix";
            case SLACK -> "wh-slack";
        };
    }

    private static String topic(Signer signer) {
        return source(signer).replace("wh-", "webhooks.");
    }
}
