package io.streamgate.gateway.http;

import java.util.List;

import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the {@link IngestServlet} for its endpoints' paths; every other path stays Spring MVC's. */
@Configuration(proxyBeanMethods = false)
class IngestServletConfig {

    @Bean
    ServletRegistrationBean<IngestServlet> ingestServlet(List<IngestEndpoint> endpoints, JsonAnswers answers) {
        IngestServlet servlet = new IngestServlet(endpoints, answers);
        ServletRegistrationBean<IngestServlet> registration = new ServletRegistrationBean<>(servlet,
                servlet.mappings());
        registration.setLoadOnStartup(1);
        return registration;
    }
}
