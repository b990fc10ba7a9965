package io.streamgate.gateway.events;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.streamgate.core.contract.EventIds;
import io.streamgate.gateway.support.GatewayTest;
import io.streamgate.gateway.support.TopicReader;
import io.streamgate.testsupport.otlp.OtlpCollector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * W3C trace context from the HTTP request into the records' Kafka headers, and the request's span exported over
 * OTLP to a collector when one is configured (tracing on, as in production: tests switch it off unless asked).
 */
@GatewayTest
@AutoConfigureObservability(metrics = false)
class TraceContextTest {

    @AutoClose
    static final OtlpCollector COLLECTOR = OtlpCollector.start();

    @Autowired
    TopicReader topics;

    @DynamicPropertySource
    static void otlp(DynamicPropertyRegistry registry) {
        registry.add("management.otlp.tracing.endpoint", COLLECTOR::tracesEndpoint);
    }

    @Test
    void aRequestsTraceparentGoesIntoEveryRecordAndItsSpanIsExported() {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String rows = "A002,R051,02-00-00,59 ST,NQR456W,BMT,09/14/2024,04:00:00,REGULAR," + traceId.hashCode() + ",1\n"
                + "A002,R051,02-00-01,59 ST,NQR456W,BMT,09/14/2024,04:00:00,REGULAR," + traceId.hashCode() + ",2\n";

        given().contentType("text/csv; header=absent").header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .header("tracestate", "vendor=abc").body(rows)
                .when().post("/events/raw")
                .then().statusCode(202);

        List<ConsumerRecord<byte[], byte[]>> records = Records.withIds(topics, "raw.events", ids(rows));
        assertThat(records).allSatisfy(record -> {
            assertThat(Records.header(record, "traceparent")).matches("00-" + traceId + "-[0-9a-f]{16}-01");
            assertThat(Records.header(record, "tracestate")).isEqualTo("vendor=abc");
        });
        // the span is named by the route's pattern, which the ingest servlet gives the observation
        await().atMost(Duration.ofSeconds(30)).until(() -> COLLECTOR.received(traceId, "http post /events/{id}"));
    }

    @Test
    void aRequestWithoutTraceContextStartsATraceItsRecordsCarryUnsampled() {
        String row = "A002,R051,02-00-02,59 ST,NQR456W,BMT,09/14/2024,04:00:00,REGULAR," + UUID.randomUUID().hashCode()
                + ",1";

        given().contentType("text/csv; header=absent").body(row).when().post("/events/raw").then().statusCode(202);

        ConsumerRecord<byte[], byte[]> record = Records.withIds(topics, "raw.events", ids(row)).get(0);
        // sampling probability 0 by default: the trace is propagated, not recorded
        assertThat(Records.header(record, "traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-00");
    }

    private static List<String> ids(String rows) {
        return rows.lines().map(row -> EventIds.contentHash("/sources/raw", row.getBytes(StandardCharsets.UTF_8)))
                .toList();
    }
}
