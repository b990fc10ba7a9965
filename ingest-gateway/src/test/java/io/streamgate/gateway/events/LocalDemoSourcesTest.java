package io.streamgate.gateway.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;

import io.streamgate.core.contract.KeySpec;
import io.streamgate.gateway.source.GatewayProperties;
import io.streamgate.gateway.source.Source;
import io.streamgate.gateway.source.SourceProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;

/** The local run's demo sources bind and validate, and the turnstile source reads an MTA body as intended. */
class LocalDemoSourcesTest {

    @Test
    void theTurnstileDemoSourceTakesMtaRowsWithOrWithoutTheirHeader() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class))
                .withUserConfiguration(Config.class)
                .withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(localProfile()))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    SourceProperties turnstile = context.getBean(GatewayProperties.class).sources().get("turnstile");
                    assertThat(turnstile.topic()).isEqualTo("mta.turnstile");
                    assertThat(turnstile.type()).isEqualTo("mta.turnstile.counts");
                    SourceProperties registers = context.getBean(GatewayProperties.class).sources()
                            .get("turnstile-registers");
                    assertThat(registers.topic()).isEqualTo("mta.turnstile.registers");
                    assertThat(registers.events()).isEqualTo(turnstile.events());
                    assertThat(turnstile.auth().apiKeys()).containsExactly("demo-key");
                    Source source = new Source("turnstile", turnstile, URI.create("/sources/turnstile"),
                            KeySpec.parse(turnstile.key()));

                    String row = "A002,R051,02-00-00,59 ST,NQR456W,BMT,09/14/2024,04:00:00,REGULAR,0007578740,"
                            + "0002590330";
                    for (String body : List.of(TurnstileCsvTest.HEADER + "\n" + row, row)) {
                        List<Parsed> parsed = EventRequests.all(CsvBody.parse(EventRequests.request(source, "text/csv", body)));
                        assertThat(parsed).hasSize(1);
                        assertThat(parsed.get(0).record().key()).isEqualTo("A002|R051|02-00-00");
                        assertThat(parsed.get(0).record().event().getTime())
                                .isEqualTo(OffsetDateTime.parse("2024-09-14T08:00:00Z"));
                    }
                });
    }

    private static org.springframework.core.env.PropertySource<?> localProfile() {
        try {
            return new YamlPropertySourceLoader().load("local", new ClassPathResource("application-local.yml")).get(0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(GatewayProperties.class)
    static class Config {
    }
}
