package io.streamgate.gateway.support;

import io.streamgate.testsupport.kafka.KafkaBrokerExtension;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/** Points the app at the real Kafka broker shared by this test JVM (started on first use). */
public class SharedBrokerInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestPropertyValues.of("spring.kafka.bootstrap-servers=" + KafkaBrokerExtension.shared().bootstrapServers())
                .applyTo(context);
    }
}
