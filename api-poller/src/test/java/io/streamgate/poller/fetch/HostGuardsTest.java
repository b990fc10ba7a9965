package io.streamgate.poller.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamgate.poller.simulator.ProviderSimulator;
import io.streamgate.poller.source.FormatConfig;
import io.streamgate.poller.source.PollerProperties;
import io.streamgate.poller.source.SourceConfig;
import io.streamgate.poller.source.TestSources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A provider host that keeps failing is left alone by every source on it once its circuit breaker opens. */
class HostGuardsTest {

    private final ProviderSimulator simulator = ProviderSimulator.start(ProviderSimulator.Options.forTests(3, 1));

    @AfterEach
    void stop() {
        simulator.close();
    }

    private static SourceConfig source(URI url) {
        return TestSources.source(url, List.of(":id"), new FormatConfig(FormatConfig.Kind.JSON, "", true, null), null);
    }

    @Test
    void afterEnoughFailuresTheHostsBreakerOpensForEverySourceOnIt() {
        PollerProperties.HttpSettings http = new PollerProperties.HttpSettings(Duration.ofSeconds(2),
                Duration.ofSeconds(5), 1, Duration.ofMillis(1), 2, 0.5, Duration.ofSeconds(5), 1000, 50,
                Duration.ofMinutes(5));
        PollerProperties properties = new PollerProperties("c", 1, "p", 1, Duration.ofSeconds(10), http, Map.of());
        Fetchers fetchers = new Fetchers(properties, new HostGuards(properties, new SimpleMeterRegistry()),
                new FetchPermits(properties));
        URI rows = simulator.uri("/turnstile/rows.json");
        SourceFetcher first = fetchers.fetcher("first", source(rows), status -> { }, () -> { });
        SourceFetcher second = fetchers.fetcher("second", source(simulator.uri("/turnstile/pages.json")),
                status -> { }, () -> { });
        simulator.fail("/turnstile/", 503, null, 10);

        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> first.fetch(rows, Map.of())).isInstanceOf(FetchException.class);
        }
        assertThatThrownBy(() -> first.fetch(rows, Map.of())).isInstanceOf(FetchException.class)
                .hasCauseInstanceOf(CallNotPermittedException.class);
        assertThatThrownBy(() -> second.fetch(simulator.uri("/turnstile/pages.json"), Map.of()))
                .isInstanceOf(FetchException.class).hasMessageContaining("circuit breaker of host 127.0.0.1 is open")
                .extracting(e -> ((FetchException) e).retryAfter()).as("the run is tried again when it half-opens")
                .isEqualTo(Duration.ofMinutes(5));
        assertThat(simulator.log()).hasSize(10);
    }
}
