package io.streamgate.core.producer;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.kafka.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;

/**
 * Applies {@link DurableProducerSettings} to Spring Boot's producer factory, so every app that depends on
 * ingest-core produces durably whatever {@code spring.kafka.producer.*} says (a weakening setting fails start-up).
 */
@AutoConfiguration
@ConditionalOnClass(DefaultKafkaProducerFactory.class)
public class DurableProducerAutoConfiguration {

    @Bean
    DefaultKafkaProducerFactoryCustomizer durableProducerSettings() {
        return factory -> factory.updateConfigs(DurableProducerSettings.apply(factory.getConfigurationProperties()));
    }
}
