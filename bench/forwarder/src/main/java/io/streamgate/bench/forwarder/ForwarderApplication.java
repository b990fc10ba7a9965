package io.streamgate.bench.forwarder;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Baseline of the gateway benchmark: the least a Spring Boot app can do to put an HTTP body into Kafka durably.
 * Same stack as the gateway (Tomcat, Spring MVC, spring-kafka, virtual threads), none of its work (no source
 * lookup, verification, CloudEvents headers, metrics or security).
 */
@SpringBootApplication
public class ForwarderApplication {

    public static void main(String[] args) {
        SpringApplication.run(ForwarderApplication.class, args);
    }
}
