package io.streamgate.core.trace;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * {@link RecordTracing} from Spring Boot's tracer and propagator (micrometer-tracing-bridge-otel, W3C propagation),
 * or {@link RecordTracing#OFF} when the app has no tracer (no bridge on its classpath). Boot keeps the tracer, and
 * so the propagation, when {@code management.tracing.enabled=false}: that switch stops the export only.
 * Runs after Boot's tracing auto-configurations, whose beans it looks up lazily.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.actuate.autoconfigure.tracing.MicrometerTracingAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.tracing.OpenTelemetryTracingAutoConfiguration"})
@ConditionalOnClass(Tracer.class)
public class RecordTracingAutoConfiguration {

    @Bean
    RecordTracing recordTracing(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        Tracer t = tracer.getIfAvailable();
        Propagator p = propagator.getIfAvailable();
        return t == null || p == null || t == Tracer.NOOP ? RecordTracing.OFF : new RecordTracing(t, p);
    }
}
