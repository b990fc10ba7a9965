package io.streamgate.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The relaxed-binding rules the deployment checks rely on, including the cases that must be refused. */
class PropertyNamesTest {

    private final PropertyNames names = new PropertyNames()
            .add("spring.kafka.bootstrap-servers")
            .add("streamgate.sources.*.topic")
            .add("streamgate.sources.*.auth.api-keys")
            .add("streamgate.poller.sources.*.headers.**")
            .add("streamgate.items.#.name");

    @Test
    void environmentVariablesBindWithOrWithoutAnUnderscoreForADash() {
        assertThat(names.acceptsEnv("SPRING_KAFKA_BOOTSTRAP_SERVERS")).isTrue();
        assertThat(names.acceptsEnv("SPRING_KAFKA_BOOTSTRAPSERVERS")).isTrue();
    }

    @Test
    void environmentVariablesReachMapEntriesAndListElements() {
        assertThat(names.acceptsEnv("STREAMGATE_SOURCES_TURNSTILE_TOPIC")).isTrue();
        assertThat(names.acceptsEnv("STREAMGATE_SOURCES_TURNSTILE_AUTH_APIKEYS_0")).isTrue();
        assertThat(names.acceptsEnv("STREAMGATE_ITEMS_3_NAME")).isTrue();
    }

    @Test
    void unknownOrMisspelledEnvironmentVariablesAreRefused() {
        assertThat(names.acceptsEnv("SPRING_KAFKA_BOOTSTRAP_SERVER")).isFalse();
        assertThat(names.acceptsEnv("STREAMGATE_SOURCES_TOPIC")).isFalse();
        assertThat(names.acceptsEnv("STREAMGATE_SOURCES_TURNSTILE_TOPIX")).isFalse();
    }

    @Test
    void yamlKeysMatchRelaxedlyThroughMapKeysListsAndMapValuedProperties() {
        assertThat(names.accepts("streamgate.sources.github.topic")).isTrue();
        assertThat(names.accepts("streamgate.sources.github.auth.apiKeys")).isTrue();
        assertThat(names.accepts("streamgate.poller.sources.feed.headers.X-Api-Key")).isTrue();
        assertThat(names.accepts("streamgate.items.0.name")).isTrue();
    }

    @Test
    void yamlKeysThatNoPatternNamesAreRefused() {
        assertThat(names.accepts("streamgate.sources.github.topics")).isFalse();
        assertThat(names.accepts("streamgate.sources.topic")).isFalse();
        assertThat(names.accepts("streamgate.items.first.name")).isFalse();
    }

    @Test
    void javaNamesBecomeKebabCase() {
        assertThat(PropertyNames.kebab("maxBody")).isEqualTo("max-body");
        assertThat(PropertyNames.kebab("dedupWindow")).isEqualTo("dedup-window");
    }
}
