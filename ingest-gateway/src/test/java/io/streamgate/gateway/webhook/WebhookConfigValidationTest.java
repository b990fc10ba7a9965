package io.streamgate.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamgate.gateway.GatewayApplication;
import io.streamgate.gateway.security.ManagementProperties;
import io.streamgate.gateway.source.GatewayProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

/**
 * A bad webhook setting fails start-up naming its key (binding errors as {@code streamgate.sources.bad...},
 * validation errors as {@code sources[bad]...}), and the failure report never prints a secret.
 */
@ExtendWith(OutputCaptureExtension.class)
class WebhookConfigValidationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class))
            .withUserConfiguration(Config.class)
            .withPropertyValues("streamgate.sources.bad.kind=webhook", "streamgate.sources.bad.topic=t");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no scheme |  | sources[bad].verify.scheme
            unknown scheme | verify.scheme=md5 | streamgate.sources.bad.verify.scheme
            no secret for github | verify.scheme=github | sources[bad].verify.secrets
            blank secret | verify.scheme=slack;verify.secrets[0]= ;verify.secrets[1]=x | sources[bad].verify.secrets
            whsec not base64 | verify.scheme=standard-webhooks;verify.secrets=whsec_!TOPSECRET | sources[bad].verify.secrets
            zero tolerance | verify.scheme=stripe;verify.secrets=whsec_x;verify.tolerance=0s | sources[bad].verify.tolerance
            blank hmac header | verify.scheme=hmac-sha256;verify.secrets=x;verify.header= | sources[bad].verify.header
            header shadowing ce_id | verify.scheme=none;headers[0]=ce_id | sources[bad].headers
            """)
    void aBadWebhookSourceFailsStartUpNamingItsKey(String why, String settings, String key) {
        String[] properties = settings == null ? new String[0]
                : java.util.Arrays.stream(settings.split(";")).map(s -> "streamgate.sources.bad." + s.trim())
                        .toArray(String[]::new);
        runner.withPropertyValues(properties).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasStackTraceContaining(key);
            assertThat(stackTrace(context.getStartupFailure())).doesNotContain("TOPSECRET");
        });
    }

    @ParameterizedTest
    @CsvSource({"streamgate.webhooks.dedup-capacity=0, webhooks.dedupCapacity",
        "streamgate.management.username=, management.username"})
    void aBadGatewaySettingFailsStartUpNamingItsKey(String setting, String key) {
        runner.withPropertyValues("streamgate.sources.bad.verify.scheme=none", setting).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasStackTraceContaining(key);
        });
    }

    @Test
    void aCompleteWebhookSourceStarts() {
        runner.withPropertyValues("streamgate.sources.bad.verify.scheme=standard-webhooks",
                "streamgate.sources.bad.verify.secrets[0]=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                "streamgate.sources.bad.verify.secrets[1]=whsec_cmV0aXJlZC1zZWNyZXQtb2YtMjQtYnl0",
                "streamgate.sources.bad.verify.tolerance=2m", "streamgate.sources.bad.headers[0]=webhook-id")
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void theStartUpFailureReportNamesTheKeyButNeverPrintsTheSecret(CapturedOutput output) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(GatewayApplication.class).properties(
                "server.port=0", "spring.kafka.bootstrap-servers=127.0.0.1:1",
                "streamgate.sources.bad.kind=webhook", "streamgate.sources.bad.topic=t",
                "streamgate.sources.bad.verify.scheme=standard-webhooks",
                "streamgate.sources.bad.verify.secrets[0]=whsec_n0t-b@se64-TOPSECRET").run().close())
                .isInstanceOf(Exception.class);
        assertThat(output.getAll()).contains("APPLICATION FAILED TO START", "streamgate.sources[bad].verify.secrets")
                .doesNotContain("TOPSECRET");
    }

    private static String stackTrace(Throwable failure) {
        java.io.StringWriter text = new java.io.StringWriter();
        failure.printStackTrace(new java.io.PrintWriter(text));
        return text.toString();
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({GatewayProperties.class, WebhookProperties.class, ManagementProperties.class})
    static class Config {
    }
}
