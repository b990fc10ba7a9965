package io.streamgate.poller;

import static io.streamgate.poller.PollerTestSources.turnstile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.streamgate.poller.simulator.ProviderSimulator;
import io.streamgate.testsupport.otlp.OtlpCollector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Each page the poller writes runs in a span of its own: its records carry that span's W3C {@code traceparent},
 * one trace per page, and the span is exported over OTLP when an endpoint is configured (tracing on, sampled).
 */
@AutoConfigureObservability(metrics = false)
class TraceContextTest extends SimulatorBackedTest {

    private static final String PAGE_SIZE = "4";

    @AutoClose
    private static final ProviderSimulator SIMULATOR = ProviderSimulator.start(ProviderSimulator.Options.forTests(3, 2));

    @AutoClose
    private static final OtlpCollector COLLECTOR = OtlpCollector.start();

    TraceContextTest() {
        super(SIMULATOR);
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("streamgate.poller.transactional-id-prefix", () -> "trace-test");
        registry.add("management.tracing.sampling.probability", () -> "1.0");
        registry.add("management.otlp.tracing.endpoint", COLLECTOR::tracesEndpoint);
        turnstile(registry, "traced", SIMULATOR, "/turnstile/rows.json", "trace.traced").hourly()
                .set("pagination.kind", "offset").set("pagination.limit", PAGE_SIZE);
    }

    @Test
    void everyRecordCarriesTheTraceparentOfItsPagesSpanAndTheSpansAreExported() {
        holdsEveryRecordOnce("trace.traced");

        List<ConsumerRecord<String, byte[]>> records = TopicReader.records(BOOTSTRAP, "trace.traced");
        List<String> traceparents = records.stream().map(r -> header(r, "traceparent")).toList();
        int pageSize = Integer.parseInt(PAGE_SIZE);
        assertThat(traceparents).hasSize(SIMULATOR.feed().allIds().size()).allMatch(t -> t != null && t.matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01"));
        Set<String> traces = traceparents.stream().map(t -> t.substring(3, 35)).collect(Collectors.toSet());
        assertThat(traces).as("one trace per page").hasSize((records.size() + pageSize - 1) / pageSize);
        await().atMost(Duration.ofSeconds(30)).until(() -> traces.stream().allMatch(COLLECTOR::received));
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
