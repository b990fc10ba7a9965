package io.streamgate.gateway.observe;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * What an operator sees of each HTTP request: the {@code http.server.requests} timer and the W3C trace context of
 * the records it produced. Spring's per-request observation gives both, and a server span; it is registered only
 * when spans are exported. Otherwise the span would go nowhere, and {@link RequestTimer} and {@link RequestTrace}
 * give the timer and the trace context at a fraction of the cost. Exactly one of the two filters is enabled.
 */
@Configuration(proxyBeanMethods = false)
class ObservationConfig {

    /** Where Spring's observation filter sits: outside every other filter, so their answers are timed too. */
    private static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 1;

    @Bean
    SpanExport spanExport(ObjectProvider<SpanExporter> exporters) {
        return new SpanExport(exporters.stream().findAny().isPresent());
    }

    /** In place of Boot's (WebMvcObservationAutoConfiguration backs off), with the same order and dispatches. */
    @Bean
    FilterRegistrationBean<ServerHttpObservationFilter> webMvcObservationFilter(ObservationRegistry registry,
            SpanExport spans) {
        FilterRegistrationBean<ServerHttpObservationFilter> registration = new FilterRegistrationBean<>(
                new ServerHttpObservationFilter(registry));
        registration.setOrder(ORDER);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
        registration.setEnabled(spans.exported());
        return registration;
    }

    @Bean
    FilterRegistrationBean<RequestTimer> requestTimer(MeterRegistry registry, SpanExport spans) {
        FilterRegistrationBean<RequestTimer> registration = new FilterRegistrationBean<>(new RequestTimer(registry));
        registration.setOrder(ORDER);
        registration.setEnabled(!spans.exported());
        return registration;
    }
}
