package io.streamgate.gateway.security;

import java.util.List;

import io.streamgate.gateway.http.JsonAnswers;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.info.InfoEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.HttpStatusRequestRejectedHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Who may call the actuator. Spring Security guards the actuator endpoints only: health (for probes) and info are
 * open, every other endpoint needs the operator's basic credentials. Webhooks and events authenticate each request
 * themselves, by signature or by their source's own API key or basic credentials, so no security filter may read
 * their {@code Authorization} header; paths that map to nothing answer 404, not 401. No sessions, no CSRF: these
 * are APIs for machines, not forms in a browser.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    /** The bean Boot registers the security filter chain with (SecurityFilterAutoConfiguration). */
    static final String SECURITY_REGISTRATION = "securityFilterChainRegistration";

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, JsonAnswers answers) throws Exception {
        ProblemAuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint(answers);
        return http
                .securityMatcher(EndpointRequest.toAnyEndpoint())
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(EndpointRequest.to(HealthEndpoint.class, InfoEndpoint.class)).permitAll()
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.authenticationEntryPoint(entryPoint))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(entryPoint))
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .build();
    }

    /**
     * Registers the security filter chain for the actuator's paths only. Boot maps it to every path; then its
     * firewall would judge every webhook and event (and answer a header byte it dislikes with a 500), and its
     * filters would cost each ingest request time, to guard nothing.
     */
    @Bean
    static BeanPostProcessor securityFilterOnActuatorOnly(Environment environment) {
        String base = environment.getProperty("management.endpoints.web.base-path", "/actuator");
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String name) {
                if (bean instanceof DelegatingFilterProxyRegistrationBean registration
                        && SECURITY_REGISTRATION.equals(name)) {
                    registration.setUrlPatterns(List.of((base.endsWith("/") ? base : base + "/") + "*"));
                }
                return bean;
            }
        };
    }

    /** A request the firewall refuses (on an actuator path) is the client's error: 400, answered as a problem. */
    @Bean
    RequestRejectedHandler requestRejectedHandler() {
        return new HttpStatusRequestRejectedHandler();
    }

    /**
     * The operator, if a password is configured. Declaring this bean also keeps Spring Boot from creating its
     * default user, whose generated password it would print to the log.
     */
    @Bean
    UserDetailsService operators(ManagementProperties management) {
        if (management.password().isEmpty()) {
            return new InMemoryUserDetailsManager();
        }
        // Spring Security's default delegating encoder reads the {id} prefix; a plain password is stored as-is
        String password = management.password().startsWith("{") ? management.password()
                : "{noop}" + management.password();
        UserDetails operator = User.withUsername(management.username()).password(password).roles("OPERATOR").build();
        return new InMemoryUserDetailsManager(operator);
    }
}
