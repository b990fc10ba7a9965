package io.streamgate.core.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import org.junit.jupiter.api.Test;

class JsonSplitterTest {

    @Test
    void ndjsonGivesOneRecordPerLineAsReceivedSkippingBlankLines() {
        List<byte[]> records = JsonSplitter.ndjson(bytes("{\"a\": 1}\r\n\n  {\"b\":\"x\\ny\"}\n"));
        assertThat(records).extracting(JsonSplitterTest::text).containsExactly("{\"a\": 1}", "  {\"b\":\"x\\ny\"}");
    }

    @Test
    void ndjsonNamesTheFirstBadLine() {
        assertThatThrownBy(() -> JsonSplitter.ndjson(bytes("{\"a\":1}\n{\"a\":\n")))
                .isInstanceOfSatisfying(MalformedBodyException.class, e -> assertThat(e.index()).isEqualTo(1))
                .hasMessageContaining("line 2");
        assertThatThrownBy(() -> JsonSplitter.ndjson(bytes("{\"a\":1} {\"b\":2}")))
                .hasMessageContaining("more than one JSON value");
    }

    @Test
    void aBadLineIsReportedAsIfItWereParsedOnItsOwn() throws Exception {
        for (String bad : List.of("{\"a\":x}", "{\"a\":", "[1,,2]", "{\"a\":\"\\q\"}")) {
            String alone;
            try (JsonParser parser = new JsonFactory().createParser(bytes(bad))) {
                parser.nextToken();
                parser.skipChildren();
                throw new AssertionError("expected " + bad + " to be malformed");
            } catch (JsonProcessingException e) {
                alone = JsonSplitter.firstLine(e.getMessage());
            }
            assertThatThrownBy(() -> JsonSplitter.ndjson(bytes("{\"ok\":1}\r\n\n" + bad + "\r\n{\"ok\":2}\n")))
                    .isInstanceOfSatisfying(MalformedBodyException.class, e -> assertThat(e.index()).isEqualTo(1))
                    .hasMessage("line 2 is not JSON: " + alone);
        }
    }

    @Test
    void aWildcardPathGivesTheElementsOfEveryArrayItReachesInBodyOrder() {
        String body = "{\"data\": [{\"id\": 1, \"items\": [ {\"x\" : 1}, {\"x\":2}]}, {\"id\": 2},"
                + " {\"items\": null}, {\"items\": [{\"x\":3}]}], \"next\": \"c2\"}";
        assertThat(JsonSplitter.select(bytes(body), "/data/*/items")).extracting(JsonSplitterTest::text)
                .as("entries without items, or with null, give none").containsExactly("{\"x\" : 1}", "{\"x\":2}",
                        "{\"x\":3}");
        assertThat(JsonSplitter.select(bytes("{\"by\": {\"a\": [1, 2], \"b\": [3]}}"), "/by/*"))
                .extracting(JsonSplitterTest::text).as("* also takes every member of an object")
                .containsExactly("1", "2", "3");
        assertThat(JsonSplitter.select(bytes("[[1], [2, 3]]"), "/1")).extracting(JsonSplitterTest::text)
                .as("no *: one array, as array()").containsExactly("2", "3");
    }

    @Test
    void aWildcardPathEndingOnANonArrayOrASecondDocumentIsMalformed() {
        assertThatThrownBy(() -> JsonSplitter.select(bytes("{\"data\": [{\"items\": 5}]}"), "/data/*/items"))
                .isInstanceOf(MalformedBodyException.class)
                .hasMessage("expected JSON arrays at '/data/*/items', found a number");
        assertThatThrownBy(() -> JsonSplitter.select(bytes("{\"data\": [[1]]} {}"), "/data/*"))
                .hasMessageContaining("more than one JSON document");
        assertThatThrownBy(() -> JsonSplitter.select(bytes("{\"data\": [[1], [2}"), "/data/*"))
                .hasMessageContaining("malformed JSON");
    }

    @Test
    void anArrayGivesEachElementWithItsOriginalBytes() {
        List<byte[]> records = JsonSplitter.array(bytes("[ {\"a\" : 1}, {\"b\":[1,2]} ,\"s\", 3 ]"),
                JsonPointer.empty());
        assertThat(records).extracting(JsonSplitterTest::text)
                .containsExactly("{\"a\" : 1}", "{\"b\":[1,2]}", "\"s\"", "3");
    }

    @Test
    void anArrayFoundByPointerSkipsEverythingElse() {
        String body = "{\"meta\":{\"n\":[9]},\"data\":{\"items\":[{\"id\":1},{\"id\":2}]},\"after\":true}";
        assertThat(JsonSplitter.array(bytes(body), JsonPointer.compile("/data/items")))
                .extracting(JsonSplitterTest::text).containsExactly("{\"id\":1}", "{\"id\":2}");
    }

    @Test
    void aMissingArrayOrBrokenBodyIsMalformed() {
        assertThatThrownBy(() -> JsonSplitter.array(bytes("{\"x\":[]}"), JsonPointer.compile("/data")))
                .isInstanceOf(MalformedBodyException.class).hasMessageContaining("/data");
        assertThatThrownBy(() -> JsonSplitter.array(bytes("[{\"a\":1},"), JsonPointer.empty()))
                .isInstanceOf(MalformedBodyException.class);
        assertThatThrownBy(() -> JsonSplitter.array(bytes("[1] x"), JsonPointer.empty()))
                .isInstanceOf(MalformedBodyException.class);
    }

    @Test
    void aSecondJsonDocumentAfterTheArrayMakesTheBodyMalformedAfterItsElementsWereHandedOn() {
        List<byte[]> handed = new ArrayList<>();
        assertThatThrownBy(() -> JsonSplitter.forEachElement(bytes("[{\"a\":1}] {\"b\":2}"), JsonPointer.empty(),
                10, handed::add)).isInstanceOf(MalformedBodyException.class).hasMessageContaining("more than one");
        assertThat(handed).hasSize(1);
        assertThat(JsonSplitter.array(bytes("{\"data\":{\"items\":[1,2]},\"next\":null} "),
                JsonPointer.compile("/data/items"))).hasSize(2);
    }

    @Test
    void splittingStopsAtTheFirstRecordOverTheLimit() {
        List<byte[]> handed = new ArrayList<>();
        assertThatThrownBy(() -> JsonSplitter.forEachElement(bytes("[1,2,3,4]"), JsonPointer.empty(), 2,
                handed::add)).isInstanceOfSatisfying(TooManyRecordsException.class,
                        e -> assertThat(e.limit()).isEqualTo(2));
        assertThat(handed).hasSize(2);
        handed.clear();
        assertThatThrownBy(() -> JsonSplitter.forEachLine(bytes("1\n2\n3\n"), 2, handed::add))
                .isInstanceOf(TooManyRecordsException.class);
        assertThat(handed).hasSize(2);
        List<CsvSplitter.Row> rows = new ArrayList<>();
        assertThatThrownBy(() -> CsvSplitter.forEachRow(bytes("a\nb\nc\n"), 2, rows::add))
                .isInstanceOf(TooManyRecordsException.class);
        assertThat(rows).hasSize(2);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
