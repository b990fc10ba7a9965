package io.streamgate.dashboard.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class WindowRecordsTest {

    private final WindowRecords records = new WindowRecords(new ObjectMapper());

    @Test
    void splitsARowIntoBoundsGroupAndMeasures() {
        WindowUpdate u = records.read("nyc-taxi", List.of("trips", "avg_fare"), "{\"k\":1}",
                "{\"window_start\":\"2026-12-01T08:00:00.000Z\",\"window_end\":\"2026-12-01T09:00:00.000Z\","
                        + "\"pickup_borough\":\"Queens\",\"PULocationID\":132,\"trips\":5,\"avg_fare\":12.25}");
        assertThat(u.job()).isEqualTo("nyc-taxi");
        assertThat(u.key()).isEqualTo("{\"k\":1}");
        assertThat(u.windowStart()).isEqualTo(Instant.parse("2026-12-01T08:00:00Z"));
        assertThat(u.windowEnd()).isEqualTo(Instant.parse("2026-12-01T09:00:00Z"));
        assertThat(u.group()).containsExactly(java.util.Map.entry("pickup_borough", "Queens"),
                java.util.Map.entry("PULocationID", 132));
        assertThat(u.measures()).containsEntry("trips", 5).containsEntry("avg_fare", 12.25);
    }

    @Test
    void aZoneAlignedWindowsLocalBoundsAreNoGroupField() {
        WindowUpdate u = records.read("mta-turnstile-registers", List.of("entries"), "k",
                "{\"window_start\":\"2020-11-01T04:00:00Z\",\"window_end\":\"2020-11-01T09:00:00Z\","
                        + "\"window_start_local\":\"2020-11-01T00:00:00\",\"window_end_local\":\"2020-11-01T04:00:00\","
                        + "\"SCP\":\"02-00-00\",\"entries\":7}");
        assertThat(u.group()).containsExactly(java.util.Map.entry("SCP", "02-00-00"));
        assertThat(u.windowEnd()).isEqualTo(Instant.parse("2020-11-01T09:00:00Z"));
    }

    @Test
    void aMeasureTheAggregatorLeftOutIsNull() {
        WindowUpdate u = records.read("mta", List.of("entries", "exits"), "k",
                "{\"window_start\":\"2026-12-01T08:00:00Z\",\"window_end\":\"2026-12-01T12:00:00Z\",\"exits\":3}");
        assertThat(u.measures()).containsEntry("entries", null).containsEntry("exits", 3);
    }

    @Test
    void withoutAKeyTheWindowIsKnownByItsGroupAndBounds() {
        String value = "{\"window_start\":\"2026-12-01T08:00:00Z\",\"window_end\":\"2026-12-01T12:00:00Z\","
                + "\"STATION\":\"A\",\"entries\":1}";
        String other = value.replace("\"A\"", "\"B\"");
        assertThat(records.read("mta", List.of("entries"), null, value).key())
                .isEqualTo(records.read("mta", List.of("entries"), null, value.replace(":1}", ":2}")).key())
                .isNotEqualTo(records.read("mta", List.of("entries"), null, other).key());
    }

    @Test
    void aRecordThatIsNoWindowRowIsRefusedWithItsReason() {
        assertThatThrownBy(() -> records.read("j", List.of("n"), "k", "nope")).hasMessageStartingWith("value is not JSON");
        assertThatThrownBy(() -> records.read("j", List.of("n"), "k", "[1]")).hasMessage("value is not a JSON object");
        assertThatThrownBy(() -> records.read("j", List.of("n"), "k", null)).hasMessage("empty value");
        assertThatThrownBy(() -> records.read("j", List.of("n"), "k", "{\"window_end\":\"2026-12-01T12:00:00Z\"}"))
                .hasMessage("'window_start' missing");
        assertThatThrownBy(() -> records.read("j", List.of("n"), "k",
                "{\"window_start\":\"yesterday\",\"window_end\":\"2026-12-01T12:00:00Z\"}"))
                .hasMessage("'window_start' is not an ISO-8601 instant: yesterday");
        assertThatThrownBy(() -> records.read("j", List.of("n"), "k",
                "{\"window_start\":\"2026-12-01T08:00:00Z\",\"window_end\":\"2026-12-01T12:00:00Z\",\"n\":\"7\"}"))
                .hasMessage("measure 'n' is not a number: \"7\"");
    }
}
