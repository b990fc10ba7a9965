package io.streamgate.poller.cursor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import io.streamgate.poller.source.SourceConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The spec a stored cursor records, computed from a source's config as the poller binds it (pure). */
class SourceSpecTest {

    private static final Map<String, String> SOCRATA = Map.of(
            "url", "https://poller:secret@data.example.com/resource/rows.json",
            "topic", "t", "type", "t",
            "params[$order]", ":updated_at,:id",
            "pagination.kind", "offset",
            "pagination.limit", "1000",
            "incremental.field", ":updated_at",
            "incremental.where", ":updated_at > '{cursor}'");

    /** The spec of the Socrata-style source with {@code overrides} (key, value, ...) bound over it. */
    private static SourceSpec spec(String... overrides) {
        Map<String, String> properties = new HashMap<>();
        SOCRATA.forEach((key, value) -> properties.put("source." + key, value));
        for (int i = 0; i < overrides.length; i += 2) {
            properties.put("source." + overrides[i], overrides[i + 1]);
        }
        return SourceSpec.of(new Binder(new MapConfigurationPropertySource(properties))
                .bind("source", SourceConfig.class).get());
    }

    @Test
    void theSpecIsReadableAndKeepsCredentialsOut() {
        SourceSpec spec = spec();
        assertThat(spec.fields()).containsEntry("url", "https://data.example.com/resource/rows.json")
                .containsEntry("params.$order", ":updated_at,:id")
                .containsEntry("pagination.kind", "offset")
                .containsEntry("incremental.field", ":updated_at")
                .containsEntry("incremental.where", ":updated_at > '{cursor}'")
                .containsEntry("mode", "incremental")
                .containsEntry("format.records", "");
        assertThat(spec.fields().toString()).doesNotContain("secret");
        assertThat(spec.fingerprint()).matches("[0-9a-f]{64}");
    }

    @Test
    void theSameConfigGivesTheSameFingerprint() {
        assertThat(spec().fingerprint()).isEqualTo(spec().fingerprint());
        assertThat(spec().sameAs(spec())).isTrue();
    }

    @Test
    void whatDoesNotGiveTheCursorItsMeaningLeavesTheSpecAlone() {
        SourceSpec changed = spec("schedule.interval", "5m", "pagination.limit", "50", "pagination.max-pages", "3",
                "auth.kind", "bearer", "auth.value", "token", "headers.Accept", "application/json",
                "incremental.overlap", "1m", "url", "https://other:pass@data.example.com/resource/rows.json");
        assertThat(changed.sameAs(spec())).isTrue();
        assertThat(changed.changesSince(spec())).isEmpty();
    }

    @Test
    void aNewCursorFieldAndPaginationAreNamedOldToNew() {
        SourceSpec changed = spec("incremental.field", ":created_at", "pagination.kind", "page");
        assertThat(changed.sameAs(spec())).isFalse();
        assertThat(changed.changesSince(spec())).as("the settings that come with them go unsaid").containsExactly(
                "incremental.field :updated_at -> :created_at",
                "pagination.kind offset -> page");
        assertThat(spec("pagination.kind", "page", "pagination.limit", "50")
                .changesSince(spec("pagination.kind", "page"))).containsExactly("pagination.limit 1000 -> 50");
    }

    @Test
    void theUrlItsParametersTheModeAndWhereTheRecordsAreEachChangeIt() {
        assertThat(spec("url", "https://data.example.com/resource/other.json").sameAs(spec())).isFalse();
        assertThat(spec("params[$order]", ":id").sameAs(spec())).isFalse();
        assertThat(spec("format.records", "/data").sameAs(spec())).isFalse();
        assertThat(spec("diff-entity", "station").changesSince(spec()))
                .containsExactly("mode incremental -> snapshot-diff");
        assertThat(spec("incremental.where", "", "incremental.param", "since").changesSince(spec())).containsExactly(
                "incremental.param (none) -> since",
                "incremental.where :updated_at > '{cursor}' -> (none)",
                "incremental.where-param $where -> (none)");
    }

    @Test
    void anEventTimeCursorDependsOnHowTheTimeIsRead() {
        SourceSpec eventTime = spec("incremental.field", "", "event-time.fields", "date,time",
                "event-time.zone", "America/New_York");
        assertThat(eventTime.fields()).containsEntry("incremental.field", "")
                .containsEntry("event-time.fields", "date,time");
        assertThat(spec("incremental.field", "", "event-time.fields", "date,time", "event-time.zone", "UTC")
                .changesSince(eventTime)).containsExactly("event-time.zone America/New_York -> UTC");
        assertThat(eventTime.changesSince(spec())).contains("incremental.field :updated_at -> \"\"");
    }

    @Test
    void aStateStoredBeforeSpecsWereIsTakenAsItIs() {
        CursorState old = new CursorState("2024-01-06T00:00:00.000", "https://x/rows.json?$offset=5", null, null,
                null, null, null, null);
        assertThat(old.writtenUnderOther(spec())).isFalse();
        assertThat(old.withSpec(spec()).writtenUnderOther(spec())).isFalse();
        assertThat(old.withSpec(spec("incremental.field", ":created_at")).writtenUnderOther(spec())).isTrue();
    }
}
