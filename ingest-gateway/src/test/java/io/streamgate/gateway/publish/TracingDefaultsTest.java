package io.streamgate.gateway.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.streamgate.core.trace.RecordTracing;
import io.streamgate.core.trace.RecordTracingAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.opentelemetry.OpenTelemetryAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.tracing.MicrometerTracingAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.tracing.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.tracing.otlp.OtlpTracingAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The tracing set-up the gateway (and the poller) ship: trace context propagated into records always, spans
 * exported only once an OTLP endpoint is configured, and never while {@code management.tracing.enabled=false}.
 */
class TracingDefaultsTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
            AutoConfigurations.of(ObservationAutoConfiguration.class, OpenTelemetryAutoConfiguration.class,
                    MicrometerTracingAutoConfiguration.class, OpenTelemetryTracingAutoConfiguration.class,
                    OtlpTracingAutoConfiguration.class, RecordTracingAutoConfiguration.class));

    @Test
    void withoutAnEndpointNothingIsExportedButRecordsStillGetTraceContext() {
        runner.run(context -> {
            assertThat(context.getBeansOfType(SpanExporter.class)).isEmpty();
            assertThat(context.getBean(RecordTracing.class)).isNotSameAs(RecordTracing.OFF);
        });
    }

    @Test
    void anEndpointSwitchesTheOtlpExporterOn() {
        runner.withPropertyValues("management.otlp.tracing.endpoint=http://127.0.0.1:4318/v1/traces")
                .run(context -> assertThat(context.getBeansOfType(SpanExporter.class)).hasSize(1));
    }

    @Test
    void tracingSwitchedOffExportsNothingEvenWithAnEndpoint() {
        runner.withPropertyValues("management.tracing.enabled=false",
                        "management.otlp.tracing.endpoint=http://127.0.0.1:4318/v1/traces")
                .run(context -> assertThat(context.getBeansOfType(SpanExporter.class)).isEmpty());
    }
}
