package io.streamgate.core.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class DurableProducerSettingsTest {

    @Test
    void acksAllAndIdempotenceAreAlwaysOnWithBoundedWaits() {
        Map<String, Object> config = DurableProducerSettings.apply(Map.of());
        assertThat(config).containsEntry("acks", "all").containsEntry("enable.idempotence", true)
                .containsEntry("max.block.ms", 5_000).containsEntry("delivery.timeout.ms", 30_000);
    }

    @Test
    void operatorTuningThatKeepsDurabilityIsKept() {
        Map<String, Object> config = DurableProducerSettings.apply(Map.of("linger.ms", 20, "acks", "-1"));
        assertThat(config).containsEntry("linger.ms", 20).containsEntry("acks", "all");
    }

    @Test
    void weakerAcksFailNamingTheKey() {
        assertThatThrownBy(() -> DurableProducerSettings.apply(Map.of("acks", "1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("acks=1");
    }

    @Test
    void disabledIdempotenceFailsNamingTheKey() {
        assertThatThrownBy(() -> DurableProducerSettings.apply(Map.of("enable.idempotence", "false")))
                .hasMessageContaining("enable.idempotence=false");
    }

    @Test
    void tooManyInFlightRequestsFail() {
        assertThatThrownBy(() -> DurableProducerSettings.apply(
                Map.of("max.in.flight.requests.per.connection", 10)))
                .hasMessageContaining("max.in.flight.requests.per.connection");
    }
}
