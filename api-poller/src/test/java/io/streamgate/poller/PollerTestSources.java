package io.streamgate.poller;

import io.streamgate.poller.simulator.ProviderSimulator;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Registers one poller source's settings ({@code streamgate.poller.sources.<id>.*}) from a test's
 * {@code @DynamicPropertySource}, so that the test spells out only what makes its source special.
 */
final class PollerTestSources {

    private final DynamicPropertyRegistry registry;
    private final String prefix;

    private PollerTestSources(DynamicPropertyRegistry registry, String id) {
        this.registry = registry;
        this.prefix = "streamgate.poller.sources." + id + ".";
    }

    static PollerTestSources source(DynamicPropertyRegistry registry, String id) {
        return new PollerTestSources(registry, id);
    }

    /** A source of the simulator's JSON turnstile readings at {@code path}, each keyed by its {@code :id}. */
    static PollerTestSources turnstile(DynamicPropertyRegistry registry, String id, ProviderSimulator simulator,
            String path, String topic) {
        return source(registry, id).url(simulator, path).set("topic", topic).set("type", "mta.turnstile.reading")
                .set("id", ":id");
    }

    PollerTestSources url(ProviderSimulator simulator, String path) {
        registry.add(prefix + "url", () -> simulator.uri(path).toString());
        return this;
    }

    /** Runs at start-up and not again while the test lasts: any further run is one the test asks for. */
    PollerTestSources hourly() {
        return set("schedule.interval", "1h");
    }

    PollerTestSources set(String key, String value) {
        registry.add(prefix + key, () -> value);
        return this;
    }
}
