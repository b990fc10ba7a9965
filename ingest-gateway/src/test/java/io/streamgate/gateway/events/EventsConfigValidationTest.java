package io.streamgate.gateway.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamgate.gateway.source.GatewayProperties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/**
 * A bad events setting fails start-up, naming its key: binding errors as {@code streamgate.sources.s...}, validation
 * errors as {@code sources[s]...} on the object {@code streamgate}.
 */
class EventsConfigValidationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class))
            .withUserConfiguration(Config.class)
            .withPropertyValues("streamgate.sources.s.kind=events", "streamgate.sources.s.topic=t");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "events.time.zone=Mars/Olympus                   | streamgate.sources.s.events.time.zone",
        "events.json=xml                                 | streamgate.sources.s.events.json",
        "events.time.formats=MM/dd/yyyy HH:mm:ss qqqqqq   | sources[s].events.time.formatsValid",
        "events.time.pointer=timestamp                   | sources[s].events.time.pointerValid",
        "events.max-records=0                            | sources[s].events.maxRecords",
        "events.schema=classpath:schemas/missing.json     | sources[s].events.schemaReadable",
        "auth.basic.username=loader                      | sources[s].auth.basic.complete",
        "events.rate-limit.per-key.capacity=0            | sources[s].events.rateLimit.perKey.capacity",
    })
    void aBadSettingFailsStartUpNamingItsKey(String setting, String key) {
        runner.withPropertyValues("streamgate.sources.s." + setting).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasStackTraceContaining(key);
        });
    }

    @org.junit.jupiter.api.Test
    void timeColumnsMustBeAmongTheDeclaredColumns() {
        runner.withPropertyValues("streamgate.sources.s.events.columns=DATE,TIME",
                "streamgate.sources.s.events.time.columns=DAY").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure())
                            .hasStackTraceContaining("sources[s].events.timeColumnsDeclared")
                            .hasStackTraceContaining("time.columns must be among the declared columns");
                });
    }

    @org.junit.jupiter.api.Test
    void aCompleteEventsSourceStarts() {
        runner.withPropertyValues("streamgate.sources.s.events.columns=DATE,TIME",
                "streamgate.sources.s.events.time.columns=DATE,TIME",
                "streamgate.sources.s.events.time.formats=MM/dd/yyyy HH:mm:ss",
                "streamgate.sources.s.events.time.zone=America/New_York",
                "streamgate.sources.s.events.schema=classpath:schemas/reading.schema.json",
                "streamgate.sources.s.auth.basic.username=loader",
                "streamgate.sources.s.auth.basic.passwords=pw",
                "streamgate.sources.s.events.rate-limit.per-key.capacity=5",
                "streamgate.sources.s.events.rate-limit.per-key.period=1s")
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(GatewayProperties.class)
    static class Config {
    }
}
