package io.streamgate.dashboard;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * The dashboard on a random port against the test JVM's real Kafka broker, charting two jobs whose windows arrive on
 * {@link TestTopics}, and watching two services: one that answers UP and one that does not answer.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "streamgate.dashboard.jobs.mta-turnstile-registers.series=STATION",
    "streamgate.dashboard.jobs.mta-turnstile-registers.measures=entries,exits",
    "streamgate.dashboard.jobs.nyc-taxi.series=pickup_borough",
    "streamgate.dashboard.jobs.nyc-taxi.measures=trips,avg_fare",
    "streamgate.dashboard.jobs.nyc-taxi.chart=trips",
    "streamgate.dashboard.health.every=PT1S",
    "streamgate.dashboard.heartbeat=PT1S",
    "management.prometheus.metrics.export.enabled=true"})
@ContextConfiguration(initializers = TestTopics.class)
public @interface DashboardTest {
}
