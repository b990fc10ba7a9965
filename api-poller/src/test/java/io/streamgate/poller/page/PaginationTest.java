package io.streamgate.poller.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class PaginationTest {

    private static final URI BASE = URI.create("https://data.ny.gov/resource/v5y5.json?%24order=%3Aid");

    private static PageView page(URI uri, int count) {
        return new PageView(uri, count, name -> List.of(), null);
    }

    @Test
    void offsetAdvancesByTheRecordsReceivedAndStopsOnlyOnAnEmptyPage() {
        OffsetPagination offset = new OffsetPagination("$offset", "$limit", 50, "");
        URI first = offset.first(BASE);
        assertThat(Uris.param(first, "$limit")).isEqualTo("50");
        assertThat(Uris.param(first, "$offset")).isEqualTo("0");
        assertThat(Uris.param(first, "$order")).isEqualTo(":id");
        URI second = offset.next(page(first, 50)).orElseThrow();
        assertThat(Uris.param(second, "$offset")).isEqualTo("50");
        URI capped = offset.next(page(second, 15)).orElseThrow();
        assertThat(Uris.param(capped, "$offset")).as("a page capped below the limit is not the last").isEqualTo("65");
        assertThat(offset.next(page(capped, 0))).isEmpty();
    }

    @Test
    void offsetStopsWhenTheProvidersTotalIsReached() throws Exception {
        OffsetPagination offset = new OffsetPagination("$offset", "$limit", 50, "/total");
        JsonNode body = new ObjectMapper().readTree("{\"total\":65}");
        URI second = Uris.with(offset.first(BASE), "$offset", "50");
        assertThat(offset.next(new PageView(second, 15, name -> List.of(), body))).isEmpty();
        assertThat(offset.next(new PageView(second, 10, name -> List.of(), body))).isPresent();
    }

    @Test
    void pageNumbersCountFromTheFirstPageAndStopOnAnEmptyPage() {
        PagePagination pages = new PagePagination("page", "per_page", 10, 1, "");
        URI first = pages.first(BASE);
        assertThat(Uris.param(first, "page")).isEqualTo("1");
        URI second = pages.next(page(first, 10)).orElseThrow();
        assertThat(Uris.param(second, "page")).isEqualTo("2");
        assertThat(Uris.param(second, "per_page")).isEqualTo("10");
        assertThat(pages.next(page(second, 3))).as("a capped page is not the last").isPresent();
        assertThat(pages.next(page(second, 0))).isEmpty();
    }

    @Test
    void cursorFromTheBodyGoesOutAsAParameterUntilItIsAbsentOrHasMoreIsFalse() throws Exception {
        CursorPagination cursor = new CursorPagination("cursor", "/next_cursor", "/has_more");
        JsonNode more = new ObjectMapper().readTree("{\"next_cursor\":\"abc+/=\",\"has_more\":true}");
        URI next = cursor.next(new PageView(BASE, 3, name -> List.of(), more)).orElseThrow();
        assertThat(Uris.param(next, "cursor")).isEqualTo("abc+/=");
        JsonNode done = new ObjectMapper().readTree("{\"next_cursor\":\"abc\",\"has_more\":false}");
        assertThat(cursor.next(new PageView(BASE, 3, name -> List.of(), done))).isEmpty();
        JsonNode emptyButMore = new ObjectMapper().readTree("{\"next_cursor\":\"abc\",\"has_more\":true}");
        assertThat(cursor.next(new PageView(BASE, 0, name -> List.of(), emptyButMore)))
                .as("an empty page that says there is more").isPresent();
        JsonNode emptyNoCursor = new ObjectMapper().readTree("{\"next_cursor\":\"\",\"has_more\":true}");
        assertThat(cursor.next(new PageView(BASE, 0, name -> List.of(), emptyNoCursor)))
                .as("an empty first page that says there is more but has no position to give: asked again")
                .contains(BASE);
        assertThat(cursor.next(new PageView(BASE, 3, name -> List.of(), emptyNoCursor)))
                .as("records but no cursor: the provider's end, whatever has_more says").isEmpty();
        JsonNode absent = new ObjectMapper().readTree("{\"next_cursor\":null}");
        assertThat(new CursorPagination("cursor", "/next_cursor", "").next(
                new PageView(BASE, 3, name -> List.of(), absent))).isEmpty();
    }

    @Test
    void keysetPagesAskForTheRowsAfterTheLastRecordReceivedUntilAPageIsEmpty() {
        KeysetPagination keyset = new KeysetPagination("$limit", 50, "$where",
                ":updated_at > '{:updated_at}' OR (:updated_at = '{:updated_at}' AND :id > '{:id}')");
        URI first = keyset.first(Uris.with(BASE, "$where", ":updated_at > '2024-01-06T03:55:00.000'"));
        assertThat(Uris.param(first, "$limit")).isEqualTo("50");
        Map<String, String> last = Map.of(":updated_at", "2024-01-06T04:00:00.000", ":id", "row-o'brien");
        URI next = keyset.next(new PageView(first, 3, name -> List.of(), null, last::get)).orElseThrow();
        assertThat(Uris.param(next, "$where")).as("the run's first filter replaced; a quote in a value doubled")
                .isEqualTo(":updated_at > '2024-01-06T04:00:00.000' OR (:updated_at = '2024-01-06T04:00:00.000'"
                        + " AND :id > 'row-o''brien')");
        assertThat(Uris.param(next, "$limit")).isEqualTo("50");
        assertThat(keyset.next(new PageView(next, 0, name -> List.of(), null, null))).isEmpty();
        assertThatThrownBy(() -> keyset.next(new PageView(first, 1, name -> List.of(), null, Map.of(":id", "x")::get)))
                .as("a field the records lack is a configuration error, not an empty filter")
                .hasMessageContaining(":updated_at");
    }

    @Test
    void cursorThatIsAUrlIsFollowedAsIs() throws Exception {
        JsonNode body = new ObjectMapper().readTree("{\"links\":{\"next\":\"https://api.example/items?after=9\"}}");
        assertThat(new CursorPagination("after", "/links/next", "")
                .next(new PageView(BASE, 1, name -> List.of(), body)))
                .contains(URI.create("https://api.example/items?after=9"));
    }

    @Test
    void linkHeaderRelNextIsResolvedAgainstThePage() {
        Map<String, List<String>> headers = Map.of("Link", List.of(
                "</resource/v5y5.json?offset=20&limit=10>; rel=\"next\", </resource/v5y5.json?offset=0>; rel=\"first\""));
        LinkPagination link = new LinkPagination();
        URI next = link.next(new PageView(BASE, 10, headers::get, null)).orElseThrow();
        assertThat(next).isEqualTo(URI.create("https://data.ny.gov/resource/v5y5.json?offset=20&limit=10"));
        Map<String, List<String>> last = Map.of("Link", List.of("</x?offset=0>; rel=\"prev first\""));
        assertThat(link.next(new PageView(BASE, 10, last::get, null))).isEmpty();
        assertThat(link.next(new PageView(BASE, 0, headers::get, null))).as("an empty page with a next link")
                .isPresent();
    }

    @Test
    void singlePageFeedsStopAfterOneRequest() {
        assertThat(new SinglePage().next(page(BASE, 100))).isEmpty();
    }

    @Test
    void parametersWithSpacesAndQuotesSurviveARoundTrip() {
        URI uri = Uris.with(BASE, "$where", ":updated_at > '2024-01-06T04:00:00.000'");
        assertThat(Uris.param(uri, "$where")).isEqualTo(":updated_at > '2024-01-06T04:00:00.000'");
        assertThat(Uris.param(Uris.with(uri, "$where", "x"), "$where")).isEqualTo("x");
    }
}
