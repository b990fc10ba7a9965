package io.streamgate.gateway.events;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import io.streamgate.core.contract.EventIds;
import io.streamgate.gateway.support.GatewayTest;
import io.streamgate.gateway.support.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * W3C trace context from the HTTP request into the records' Kafka headers when no span is exported (the default,
 * and this test context's): the records carry the same context as when a server span is made for the request
 * ({@link TraceContextTest}), without one.
 */
@GatewayTest
class UnexportedTraceContextTest {

    @Autowired
    TopicReader topics;

    @Test
    void aRequestsTraceparentGoesIntoEveryRecordAsItsChild() {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String rows = row(1) + "\n" + row(2) + "\n";

        given().contentType("text/csv; header=absent").header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .header("tracestate", "vendor=abc").body(rows)
                .when().post("/events/raw")
                .then().statusCode(202);

        List<ConsumerRecord<byte[], byte[]>> records = Records.withIds(topics, "raw.events", ids(rows));
        assertThat(records).hasSize(2).allSatisfy(record -> {
            assertThat(Records.header(record, "traceparent")).matches("00-" + traceId + "-[0-9a-f]{16}-01")
                    .doesNotContain("00f067aa0ba902b7");
            assertThat(Records.header(record, "tracestate")).isEqualTo("vendor=abc");
        });
        // one request, one span id: its records are siblings
        assertThat(records).extracting(record -> Records.header(record, "traceparent")).containsOnly(
                Records.header(records.get(0), "traceparent"));
    }

    @Test
    void aRequestWithoutOrWithABrokenTraceContextStartsAnUnsampledTrace() {
        String plain = row(3);
        String broken = row(4);

        given().contentType("text/csv; header=absent").body(plain).when().post("/events/raw").then().statusCode(202);
        given().contentType("text/csv; header=absent").header("traceparent", "00-zz-00f067aa0ba902b7-01")
                .body(broken).when().post("/events/raw").then().statusCode(202);

        for (String row : List.of(plain, broken)) {
            ConsumerRecord<byte[], byte[]> record = Records.withIds(topics, "raw.events", ids(row)).get(0);
            assertThat(Records.header(record, "traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-00");
        }
    }

    private static String row(int scp) {
        return "A002,R051,02-00-0" + scp + ",59 ST,NQR456W,BMT,09/14/2024,04:00:00,REGULAR,"
                + UUID.randomUUID().hashCode() + "," + scp;
    }

    private static List<String> ids(String rows) {
        return rows.lines().map(row -> EventIds.contentHash("/sources/raw", row.getBytes(StandardCharsets.UTF_8)))
                .toList();
    }
}
