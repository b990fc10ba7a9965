package io.streamgate.gateway.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamgate.core.split.MalformedBodyException;
import org.junit.jupiter.api.Test;

class EventTimeTest {

    static final OffsetDateTime RECEIVED = OffsetDateTime.parse("2026-01-02T03:04:05Z");

    final EventTime mta = new EventTime(new EventTimeProperties("", List.of("DATE", "TIME"),
            List.of("MM/dd/yyyy HH:mm:ss", "MM-dd-yy HH:mm:ss"), ZoneId.of("America/New_York")));

    @Test
    void mtaDateAndTimeAreNewYorkLocalTimeTurnedIntoUtcAcrossDaylightSaving() {
        assertThat(mta.ofRow(Map.of("DATE", "09/14/2024", "TIME", "04:00:00")::get, 0, RECEIVED))
                .isEqualTo(OffsetDateTime.parse("2024-09-14T08:00:00Z"));
        assertThat(mta.ofRow(Map.of("DATE", "12-01-24", "TIME", "04:00:00")::get, 0, RECEIVED))
                .isEqualTo(OffsetDateTime.parse("2024-12-01T09:00:00Z"));
    }

    @Test
    void aValueWithItsOwnOffsetIsTakenAsIs() throws Exception {
        EventTime json = new EventTime(new EventTimeProperties("/at", List.of(), List.of(), ZoneId.of("Asia/Tokyo")));
        assertThat(json.ofJson(new ObjectMapper().readTree("{\"at\":\"2024-09-14T10:00:00+02:00\"}"), 0, RECEIVED))
                .isEqualTo(OffsetDateTime.parse("2024-09-14T08:00:00Z"));
    }

    @Test
    void withoutAConfiguredFieldTheReceiveTimeIsUsed() throws Exception {
        EventTime none = new EventTime(new EventTimeProperties("", List.of(), List.of(), ZoneId.of("UTC")));
        assertThat(none.ofJson(new ObjectMapper().readTree("{}"), 0, RECEIVED)).isEqualTo(RECEIVED);
        assertThat(none.ofRow(name -> null, 0, RECEIVED)).isEqualTo(RECEIVED);
    }

    @Test
    void aTimeThatFitsNoFormatOrIsMissingNamesTheRecord() throws Exception {
        assertThatThrownBy(() -> mta.ofRow(Map.of("DATE", "2024-09-14", "TIME", "04:00:00")::get, 7, RECEIVED))
                .isInstanceOf(MalformedBodyException.class).hasMessageContaining("record 7")
                .extracting(e -> ((MalformedBodyException) e).index()).isEqualTo(7);
        assertThatThrownBy(() -> mta.ofRow(Map.of("DATE", "09/14/2024")::get, 3, RECEIVED))
                .hasMessageContaining("no column 'TIME'");
        EventTime json = new EventTime(new EventTimeProperties("/at", List.of(), List.of(), ZoneId.of("UTC")));
        assertThatThrownBy(() -> json.ofJson(new ObjectMapper().readTree("{\"at\":null}"), 2, RECEIVED))
                .hasMessageContaining("no event time at '/at'");
    }
}
