package io.streamgate.gateway.http;

import org.eclipse.jetty.server.handler.ContextHandler;
import org.springframework.boot.web.embedded.jetty.JettyServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The embedded Jetty's servlet context, trimmed of what a web-archive server needs and this jar does not. */
@Configuration(proxyBeanMethods = false)
class JettyContextConfig {

    /**
     * No protected targets. Boot's context is a WebAppContext, which guards {@code /WEB-INF} and {@code /META-INF}
     * of a web archive; the gateway is a jar with neither folder to serve (Spring's resource handler refuses such
     * paths on its own, and they answer 404 like any other unknown path). The check is not free: Jetty 12.0 tests
     * the guarded set for emptiness by building its key set, on every request (1.9 % of the gateway's CPU in
     * benchmark 1's profile at 64 connections).
     */
    @Bean
    WebServerFactoryCustomizer<JettyServletWebServerFactory> noProtectedTargets() {
        return factory -> factory.addServerCustomizers(server ->
                server.getDescendants(ContextHandler.class).forEach(context -> context.setProtectedTargets(null)));
    }
}
