package io.streamgate.dashboard.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** Bad settings stop start-up, naming the key. */
class DashboardPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({DashboardProperties.class,
            io.streamgate.dashboard.health.HealthProperties.class})
    static class Props {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class,
                    ValidationAutoConfiguration.class))
            .withUserConfiguration(Props.class)
            .withPropertyValues("streamgate.dashboard.jobs.a.topic=windows.a", "streamgate.dashboard.jobs.a.series=S",
                    "streamgate.dashboard.jobs.a.measures=n,m");

    @Test
    void validSettingsBindWithDefaults() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            DashboardProperties p = context.getBean(DashboardProperties.class);
            assertThat(p.jobs().get("a").chart()).containsExactly("n", "m");
            assertThat(p.maxWindows()).isEqualTo(20000);
            assertThat(p.jobOf("windows.a")).contains("a");
        });
    }

    @Test
    void aJobWithoutTopicFailsNamingTheKey() {
        runner.withPropertyValues("streamgate.dashboard.jobs.a.topic=").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("jobs[a].topic"));
    }

    @Test
    void chartingAFieldThatIsNoMeasureFails() {
        runner.withPropertyValues("streamgate.dashboard.jobs.a.chart=n,x").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("jobs[a].chartOfMeasures"));
    }

    @Test
    void twoJobsOnOneTopicFail() {
        runner.withPropertyValues("streamgate.dashboard.jobs.b.topic=windows.a", "streamgate.dashboard.jobs.b.series=S",
                "streamgate.dashboard.jobs.b.measures=n").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("topicsDistinct"));
    }

    @Test
    void aNonPositiveSizeFailsNamingTheKey() {
        runner.withPropertyValues("streamgate.dashboard.max-windows=0").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("maxWindows"));
    }

    @Test
    void aHealthUrlThatIsNoUrlFailsNamingTheKey() {
        runner.withPropertyValues("streamgate.dashboard.health.services.gateway=http://[bad").run(context ->
                assertThat(context).getFailure().hasMessageContaining("streamgate.dashboard.health")
                        .rootCause().hasMessageContaining("Invalid URI"));
    }
}
