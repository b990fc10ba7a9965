package io.streamgate.poller;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class PollerApplication {

    public static void main(String[] args) {
        SpringApplication.run(PollerApplication.class, args);
    }
}
