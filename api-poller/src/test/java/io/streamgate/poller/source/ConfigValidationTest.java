package io.streamgate.poller.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class ConfigValidationTest {

    @Configuration
    @EnableConfigurationProperties(PollerProperties.class)
    static class Props {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Props.class)
            .withPropertyValues("streamgate.poller.sources.mta.url=http://127.0.0.1:8099/turnstile/rows.csv",
                    "streamgate.poller.sources.mta.topic=mta.turnstile",
                    "streamgate.poller.sources.mta.type=mta.turnstile.reading");

    /** Validation errors name the key as {@code sources[mta].topic} under "Binding validation errors on streamgate.poller". */
    private void failsNaming(String key, String... properties) {
        runner.withPropertyValues(properties).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasStackTraceContaining(key);
        });
    }

    @Test
    void aCompleteSourceStarts() {
        runner.run(context -> assertThat(context).hasNotFailed()
                .getBean(PollerProperties.class).extracting(p -> p.sources().get("mta").topic())
                .isEqualTo("mta.turnstile"));
    }

    @Test
    void aSourceWithoutTopicFailsNamingTheKey() {
        failsNaming("sources[mta].topic", "streamgate.poller.sources.mta.topic=");
    }

    @Test
    void aRelativeUrlFailsNamingTheKey() {
        failsNaming("sources[mta].urlAbsolute", "streamgate.poller.sources.mta.url=/rows.csv");
    }

    @Test
    void aBadCronFailsNamingTheKey() {
        failsNaming("sources[mta].schedule.cronValid",
                "streamgate.poller.sources.mta.schedule.kind=cron",
                "streamgate.poller.sources.mta.schedule.cron=every tuesday");
    }

    @Test
    void oauth2WithoutClientSecretFailsNamingTheKey() {
        failsNaming("sources[mta].auth.complete",
                "streamgate.poller.sources.mta.auth.kind=oauth2",
                "streamgate.poller.sources.mta.auth.token-url=http://127.0.0.1:8099/oauth2/token",
                "streamgate.poller.sources.mta.auth.client-id=poller");
    }

    @Test
    void anIncrementalCursorWithoutParamOrWhereFailsNamingTheKey() {
        failsNaming("sources[mta].incremental.targetValid",
                "streamgate.poller.sources.mta.incremental.field=:updated_at");
    }

    @Test
    void anUnknownPaginationKindFailsNamingTheKey() {
        failsNaming("streamgate.poller.sources.mta.pagination.kind",
                "streamgate.poller.sources.mta.pagination.kind=sideways");
    }

    @Test
    void anUnknownOnSpecChangeFailsNamingTheKey() {
        failsNaming("streamgate.poller.sources.mta.on-spec-change",
                "streamgate.poller.sources.mta.on-spec-change=ignore");
    }

    @Test
    void onStatusRulesBindByStatusAndClass() {
        runner.withPropertyValues("streamgate.poller.sources.mta.on-status.404=ignore",
                "streamgate.poller.sources.mta.on-status.5xx=fail",
                "streamgate.poller.sources.mta.on-status.503=retry").run(context -> {
                    SourceConfig mta = context.getBean(PollerProperties.class).sources().get("mta");
                    assertThat(mta.actionFor(404)).isEqualTo(StatusAction.IGNORE);
                    assertThat(mta.actionFor(500)).isEqualTo(StatusAction.FAIL);
                    assertThat(mta.actionFor(503)).as("the exact status wins over its class")
                            .isEqualTo(StatusAction.RETRY);
                    assertThat(mta.actionFor(409)).as("not named: the default").isNull();
                });
    }

    @Test
    void aBodyThatIsNotJsonOrWithoutPostFailsNamingTheKey() {
        failsNaming("sources[mta].bodyValid", "streamgate.poller.sources.mta.method=POST",
                "streamgate.poller.sources.mta.body={\"from\": {$offset},}");
        failsNaming("sources[mta].bodyValid", "streamgate.poller.sources.mta.body={\"from\": {$offset}}");
    }

    @Test
    void anOnStatusRuleForASuccessFailsNamingTheKey() {
        failsNaming("sources[mta].onStatusKeys", "streamgate.poller.sources.mta.on-status.200=ignore");
    }

    @Test
    void anUnknownOnStatusActionFailsNamingTheKey() {
        failsNaming("streamgate.poller.sources.mta.on-status.404", "streamgate.poller.sources.mta.on-status.404=skip");
    }

    @Test
    void aSourceIdWithCapitalsFailsNamingTheMap() {
        failsNaming("sources[MTA]", "streamgate.poller.sources.MTA.url=http://x/y",
                "streamgate.poller.sources.MTA.topic=t", "streamgate.poller.sources.MTA.type=t");
    }
}
