package io.streamgate.gateway.connection;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** A bad connection setting stops start-up, naming its key. */
class ConnectionConfigValidationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class,
                    ValidationAutoConfiguration.class))
            .withUserConfiguration(Config.class);

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "header-timeout=0s                 | streamgate.connections.headerTimeout",
        "header-timeout=ten                | streamgate.connections.header-timeout",
        "min-body-rate=0B                  | minBodyRatePositive",
        "max-connections=0                 | streamgate.connections.maxConnections",
        "max-per-address=0                 | streamgate.connections.maxPerAddress",
        "trusted-proxies=proxy.example.com | trustedProxiesValid",
    })
    void aBadSettingFailsStartUpNamingItsKey(String setting, String key) {
        runner.withPropertyValues("streamgate.connections." + setting).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasStackTraceContaining(key);
        });
    }

    @org.junit.jupiter.api.Test
    void theDefaultsStart() {
        runner.run(context -> assertThat(context.getBean(ConnectionProperties.class).maxPerAddress()).isEqualTo(128));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ConnectionProperties.class)
    static class Config {
    }
}
