package io.streamgate.gateway.events;

import static io.streamgate.gateway.events.EventRequests.request;
import static io.streamgate.gateway.events.EventRequests.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import io.streamgate.core.split.MalformedBodyException;
import io.streamgate.gateway.source.Source;
import org.junit.jupiter.api.Test;

class CsvBodyTest {

    final Source declared = source("csv", "key=A,C", "events.columns=A,B,C");

    @Test
    void aHeaderRowIsTrimmedAndCheckedAndEachRowKeepsItsBytesWithItsColumnsAsView() {
        List<Parsed> parsed = EventRequests.all(CsvBody.parse(request(declared, "text/csv", " A ,B,C  \r\n1,\"x, y\",3\r\n4,5,6")));

        assertThat(parsed).extracting(EventRequests::value).containsExactly("1,\"x, y\",3", "4,5,6");
        assertThat(parsed.get(0).view().get("B").asText()).isEqualTo("x, y");
        assertThat(parsed).extracting(p -> p.record().key()).containsExactly("1|3", "4|6");
        assertThat(parsed.get(0).record().event().getDataContentType()).isEqualTo("text/csv");
        assertThat(parsed.get(0).record().event().getTime()).isEqualTo(EventRequests.RECEIVED);
    }

    @Test
    void theRfc4180HeaderParameterOverridesTheSourceSetting() {
        assertThat(EventRequests.all(CsvBody.parse(request(declared, "text/csv; header=absent", "1,2,3\n4,5,6")))).hasSize(2);
        Source headerless = source("csv", "events.csv-header=false", "events.columns=A,B,C");
        assertThat(EventRequests.all(CsvBody.parse(request(headerless, "text/csv", "1,2,3\n4,5,6")))).hasSize(2);
        assertThat(EventRequests.all(CsvBody.parse(request(headerless, "text/csv; header=present", "A,B,C\n4,5,6")))).hasSize(1);
    }

    @Test
    void unlessToldAFirstRowNamingTheDeclaredColumnsIsTheHeaderAndAnyOtherIsData() {
        assertThat(EventRequests.all(CsvBody.parse(request(declared, "text/csv", "A,B,C\n1,2,3")))).hasSize(1);
        assertThat(EventRequests.all(CsvBody.parse(request(declared, "text/csv", "1,2,3\n4,5,6")))).hasSize(2);
        assertThat(EventRequests.all(CsvBody.parse(request(source("csv"), "text/csv", "A,B,C\n1,2,3"))))
                .as("no columns: the first row is the header").hasSize(1);
        assertThat(EventRequests.all(CsvBody.parse(request(source("csv", "events.csv-header=false"), "text/csv",
                "A,B,C\n1,2,3")))).as("no columns, csv-header false: rows only").hasSize(2);
    }

    @Test
    void aRowWithTheWrongNumberOfFieldsIsNamed() {
        assertThatThrownBy(() -> EventRequests.all(CsvBody.parse(request(declared, "text/csv", "A,B,C\n1,2,3\n1,2\n"))))
                .isInstanceOfSatisfying(MalformedBodyException.class, e -> assertThat(e.index()).isEqualTo(1))
                .hasMessageContaining("record 1 has 2 fields where the columns are 3");
    }

    @Test
    void aHeaderThatDiffersFromTheDeclaredColumnsIsRefused() {
        assertThatThrownBy(() -> EventRequests.all(CsvBody.parse(request(declared, "text/csv", "A,C,B\n1,2,3"))))
                .hasMessageContaining("[A, C, B] does not match the source's columns [A, B, C]");
    }

    @Test
    void withoutColumnsRowsAreTakenAsTheyAreAndAKeyThatNamesNoColumnIsAHeaderName() {
        Source plain = source("csv", "key=X-Station", "events.csv-header=false");
        List<Parsed> parsed = EventRequests.all(CsvBody.parse(request(plain, "text/csv", "1,2\n3", "X-Station", "59 ST")));

        assertThat(parsed).extracting(EventRequests::value).containsExactly("1,2", "3");
        assertThat(parsed.get(0).view()).isNull();
        assertThat(parsed).extracting(p -> p.record().key()).containsOnly("59 ST");
    }

    @Test
    void idsAreTheIdempotencyKeyWithTheRowIndexWhenSent() {
        List<Parsed> parsed = EventRequests.all(CsvBody.parse(request(declared, "text/csv", "A,B,C\n1,2,3\n4,5,6",
                "Idempotency-Key", "upload-9")));
        assertThat(parsed).extracting(p -> p.record().event().getId()).containsExactly("csv/upload-9:0",
                "csv/upload-9:1");
    }

    @Test
    void aJsonPointerKeyAndTheTimeColumnsReadTheirColumnsAndTheViewHasEveryColumn() {
        Source pointer = source("csv", "key=/B", "events.columns=A,B,T", "events.time.columns=T");
        List<Parsed> parsed = EventRequests.all(CsvBody.parse(request(pointer, "text/csv",
                "1,\"x \"\"y\"\"\", 2026-01-02T03:04:05+01:00 \n2,z,2026-01-02T05:00:00Z")));

        assertThat(parsed).extracting(p -> p.record().key()).containsExactly("x \"y\"", "z");
        assertThat(parsed).extracting(p -> p.record().event().getTime().toString())
                .containsExactly("2026-01-02T02:04:05Z", "2026-01-02T05:00Z");
        assertThat(parsed.get(1).view().toString()).isEqualTo("{\"A\":\"2\",\"B\":\"z\",\"T\":\"2026-01-02T05:00:00Z\"}");
    }

    @Test
    void aColumnNamedTwiceIsReadFromItsLastPlaceAsInTheView() {
        Source twice = source("csv", "key=A", "events.csv-header=true");
        List<Parsed> parsed = EventRequests.all(CsvBody.parse(request(twice, "text/csv", "A,B,A\n1,2,3")));

        assertThat(parsed.get(0).record().key()).isEqualTo("3");
        assertThat(parsed.get(0).view().get("A").asText()).isEqualTo("3");
    }
}
