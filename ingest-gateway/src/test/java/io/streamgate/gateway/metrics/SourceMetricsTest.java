package io.streamgate.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class SourceMetricsTest {

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final SourceMetrics metrics = new SourceMetrics(registry);

    @Test
    void repeatedCallsCountOnTheSameMetersWithTheSameNamesAndTags() {
        metrics.received("a");
        metrics.received("a");
        metrics.received("b");
        metrics.duplicate("a");
        metrics.rejected("a", "malformed");
        metrics.rejected("a", "malformed");
        metrics.rejected("a", "too-large");
        metrics.rejected("b", "malformed");
        metrics.produced("a", metrics.startProduce(), 3);
        metrics.produced("a", metrics.startProduce(), 4);
        metrics.produceFailed("a", metrics.startProduce());

        assertThat(count("streamgate.requests.received", Tags.of("source", "a"))).isEqualTo(2);
        assertThat(count("streamgate.requests.received", Tags.of("source", "b"))).isEqualTo(1);
        assertThat(count("streamgate.requests.duplicates", Tags.of("source", "a"))).isEqualTo(1);
        assertThat(count("streamgate.requests.rejected", Tags.of("source", "a", "reason", "malformed"))).isEqualTo(2);
        assertThat(count("streamgate.requests.rejected", Tags.of("source", "a", "reason", "too-large"))).isEqualTo(1);
        assertThat(count("streamgate.requests.rejected", Tags.of("source", "b", "reason", "malformed"))).isEqualTo(1);
        assertThat(count("streamgate.records.accepted", Tags.of("source", "a"))).isEqualTo(7);
        assertThat(registry.get("streamgate.produce.latency").tags("source", "a", "outcome", "ok").timer().count())
                .isEqualTo(2);
        assertThat(registry.get("streamgate.produce.latency").tags("source", "a", "outcome", "failed").timer()
                .count()).isEqualTo(1);
        assertThat(registry.getMeters()).hasSize(9);
    }

    private double count(String name, Tags tags) {
        return registry.get(name).tags(tags).counter().count();
    }
}
