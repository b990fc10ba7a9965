package io.streamgate.gateway.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.streamgate.gateway.support.GatewayTest;
import io.streamgate.gateway.support.RawHttp;
import io.streamgate.gateway.verify.Signer;
import io.streamgate.testsupport.kafka.KafkaBrokerExtension;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;

/**
 * Jazzer over the HTTP edge of the running app (real broker): for {@code /webhooks} and {@code /events}, fuzzed
 * sources, credentials (valid or not), signatures (valid or not), content types, headers (any byte but CR, LF and
 * NUL, which would end the header) and bodies (the formats' own shapes with fuzzed bytes spliced in, or raw bytes).
 * Every answer must be below 500, and no request that was refused may leave a record: each body carries a nonce,
 * and after the run every fuzzed topic is read to its end.
 *
 * <p>In {@code ./mvnw verify} Jazzer runs this, in a JVM of its own (surefire execution {@code fuzz}), in regression
 * mode: once per input under
 * {@code src/test/resources/io/streamgate/gateway/fuzz/EdgeFuzzTestInputs/} (seconds). Coverage-guided fuzzing on
 * demand: {@code JAZZER_FUZZ=1 ./mvnw -pl ingest-gateway -am verify -Dtest=EdgeFuzzTest
 * -Dsurefire.failIfNoSpecifiedTests=false -DskipITs} (for {@link FuzzTest#maxDuration()}, or
 * {@code -Djazzer.max_duration=10m}); inputs that found new paths are kept under {@code .cifuzz-corpus/}.
 */
@GatewayTest
@Tag("fuzz")
class EdgeFuzzTest {

    private static final String NONCE = "NONCE";
    private static final Map<String, Signer> WEBHOOKS = new LinkedHashMap<>();
    private static final Map<String, String> EVENTS = new LinkedHashMap<>();
    private static final Map<String, String> TOPICS = Map.ofEntries(Map.entry("wh-open", "webhooks.open"),
            Map.entry("wh-hmac", "webhooks.hmac"), Map.entry("wh-stripe", "webhooks.stripe"),
            Map.entry("wh-github", "webhooks.github"), Map.entry("wh-svix", "webhooks.svix"),
            Map.entry("wh-slack", "webhooks.slack"), Map.entry("ev-bulk", "events.bulk"),
            Map.entry("ev-ce", "events.ce"), Map.entry("ev-csv-plain", "events.csv.plain"),
            Map.entry("ev-turnstile", "events.turnstile"), Map.entry("ev-schema", "events.schema"));
    private static final List<String> CONTENT_TYPES = List.of("application/json", "application/x-ndjson",
            "text/csv", "text/csv; header=absent", "application/cloudevents+json",
            "application/cloudevents-batch+json", "application/x-www-form-urlencoded", "application/vnd.x+json");
    private static final List<String> HEADERS = List.of("ce-specversion", "ce-id", "ce-source", "ce-type",
            "ce-time", "ce-partitionkey", "ce-datacontenttype", "Idempotency-Key", "X-Request-Id", "webhook-id",
            "webhook-timestamp", "X-GitHub-Delivery", "X-GitHub-Event", "X-Shopify-Triggered-At", "Authorization",
            "X-API-Key", "Stripe-Signature", "X-Signature-256", "X-Tenant", "Accept");
    private static final List<String> BODIES = List.of(
            "{\"n\":\"NONCE\",\"user\":\"u\",\"ts\":\"2024-09-14 08:00:00\"}",
            "[{\"n\":\"NONCE\",\"ts\":\"2024-09-14 08:00:00\"},{\"user\":1,\"ts\":\"+999999999-12-31T23:59:59-18:00\"}]",
            "{\"n\":\"NONCE\"}\n{\"ts\":\"2024-09-14T08:00:00Z\"}\n",
            "station,count\nNONCE,1\n\"q,\"\"x\",2\n",
            "C/A,UNIT,SCP,STATION,LINENAME,DIVISION,DATE,TIME,DESC,ENTRIES,EXITS\n"
                    + "A002,R051,02-00-00,NONCE,NQR456W,BMT,09/14/2024,04:00:00,REGULAR,0007578740,0002590330\n",
            "{\"specversion\":\"1.0\",\"id\":\"NONCE\",\"source\":\"/x\",\"type\":\"t\",\"data\":{\"a\":1}}",
            "[{\"specversion\":\"1.0\",\"id\":\"NONCE\",\"source\":\"/x\",\"type\":\"t\",\"time\":\"2024-01-01T00:00:00Z\"}]",
            "{\"id\":\"evt_NONCE\",\"type\":\"t\",\"created\":99999999999999,\"event_id\":\"NONCE\",\"event_time\":1}",
            "{\"type\":\"url_verification\",\"challenge\":\"NONCE\"}",
            "{\"reading\":\"NONCE\",\"value\":\"x\"}");
    private static final Set<String> REFUSED = ConcurrentHashMap.newKeySet();

    static {
        WEBHOOKS.put("wh-open", null);
        WEBHOOKS.put("wh-hmac", Signer.HMAC_SHA256);
        WEBHOOKS.put("wh-stripe", Signer.STRIPE);
        WEBHOOKS.put("wh-github", Signer.GITHUB);
        WEBHOOKS.put("wh-svix", Signer.STANDARD_WEBHOOKS);
        WEBHOOKS.put("wh-slack", Signer.SLACK);
        EVENTS.put("ev-bulk", "bulk-key");
        EVENTS.put("ev-ce", "ce-key");
        EVENTS.put("ev-csv-plain", "");
        EVENTS.put("ev-turnstile", "turnstile-key");
        EVENTS.put("ev-schema", "");
    }

    @FuzzTest(maxDuration = "2m")
    void theEdgeNeverAnswers5xxNorStoresARefusedRequest(FuzzedDataProvider data) {
        String nonce = UUID.randomUUID().toString().replace("-", "");
        boolean webhook = data.consumeBoolean();
        String source = data.pickValue(new ArrayList<>(webhook ? WEBHOOKS.keySet() : EVENTS.keySet()));
        Map<String, String> headers = new LinkedHashMap<>();
        if (data.consumeBoolean()) {
            headers.put("Content-Type", data.consumeBoolean() ? data.pickValue(CONTENT_TYPES) : text(data, 40));
        }
        for (int i = data.consumeInt(0, 4); i > 0; i--) {
            headers.put(data.pickValue(HEADERS), text(data, 60));
        }
        byte[] body = body(data, nonce);
        boolean credentials = data.consumeBoolean();
        if (credentials && webhook && WEBHOOKS.get(source) != null) {
            headers.putAll(WEBHOOKS.get(source).sign(body, Instant.now()));
        } else if (credentials && !webhook && !EVENTS.get(source).isEmpty()) {
            headers.put("X-API-Key", EVENTS.get(source));
        }
        RawHttp.Answer answer = RawHttp.postToApp((webhook ? "/webhooks/" : "/events/") + source, headers, body);
        assertThat(answer.status()).as("%s %s %s", source, headers, answer.body()).isLessThan(500);
        if (answer.status() >= 400) {
            REFUSED.add(nonce);
        }
    }

    /** After the run: no record of any fuzzed topic holds the nonce of a refused request. */
    @AfterAll
    static void noRefusedRequestLeftARecord() {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerExtension.shared().bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : Set.copyOf(TOPICS.values())) {
                consumer.partitionsFor(topic, Duration.ofSeconds(10))
                        .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                assertThat(System.nanoTime()).as("read every fuzzed topic to its end").isLessThan(deadline);
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    String value = new String(record.value() == null ? new byte[0] : record.value(),
                            StandardCharsets.ISO_8859_1);
                    assertThat(REFUSED).as("a refused request's nonce in %s", record.topic())
                            .noneMatch(value::contains);
                }
            }
        }
    }

    /** A format's own shape with fuzzed bytes spliced in, or fuzzed bytes alone; with the nonce either way. */
    private static byte[] body(FuzzedDataProvider data, String nonce) {
        String template = data.pickValue(BODIES).replace(NONCE, nonce);
        return switch (data.consumeInt(0, 2)) {
            case 0 -> template.getBytes(StandardCharsets.UTF_8);
            case 1 -> {
                int at = data.consumeInt(0, template.length());
                yield (template.substring(0, at) + text(data, 30) + template.substring(at))
                        .getBytes(StandardCharsets.ISO_8859_1);
            }
            default -> (nonce + new String(data.consumeBytes(2000), StandardCharsets.ISO_8859_1))
                    .getBytes(StandardCharsets.ISO_8859_1);
        };
    }

    /** Fuzzed text of any byte but those that end a header line. */
    private static String text(FuzzedDataProvider data, int max) {
        byte[] bytes = data.consumeBytes(max);
        StringBuilder text = new StringBuilder();
        for (byte b : bytes) {
            if (b != '\r' && b != '\n' && b != 0) {
                text.append((char) (b & 0xff));
            }
        }
        return text.toString();
    }
}
