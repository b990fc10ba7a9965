package io.streamgate.core.split;

import static io.streamgate.core.split.JsonSplitterTest.bytes;
import static io.streamgate.core.split.JsonSplitterTest.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class CsvSplitterTest {

    private static final String HEADER = "C/A,UNIT,SCP,STATION,LINENAME,DIVISION,DATE,TIME,DESC,ENTRIES,EXITS";

    @Test
    void rowsKeepTheirBytesAndFieldsAndTheHeaderIsSeparated() {
        String row1 = "A002,R051,02-00-00,59 ST,NQR456W,BMT,09/14/2024,00:00:00,REGULAR,0007578734,0002590325";
        String row2 = "A002,R051,02-00-00,\"59 ST, \"\"LEX\"\"\",NQR456W,BMT,09/14/2024,04:00:00,REGULAR,7578740,2590330";
        CsvSplitter.Body body = CsvSplitter.split(bytes(HEADER + "\r\n" + row1 + "\r\n" + row2 + "\r\n"), true);
        assertThat(body.header()).hasSize(11).startsWith("C/A", "UNIT");
        assertThat(body.rows()).extracting(r -> text(r.raw())).containsExactly(row1, row2);
        assertThat(body.rows().get(1).fields()).element(3).isEqualTo("59 ST, \"LEX\"");
    }

    @Test
    void quotedFieldsMayHoldLineBreaksAndNonAsciiText() {
        CsvSplitter.Body body = CsvSplitter.split(bytes("a,\"x\ny\"\nb,\"Zürich\"\n"), false);
        assertThat(body.rows()).extracting(CsvSplitter.Row::fields)
                .containsExactly(List.of("a", "x\ny"), List.of("b", "Zürich"));
        assertThat(text(body.rows().get(0).raw())).isEqualTo("a,\"x\ny\"");
    }

    @Test
    void emptyFieldsAndBlankLinesAreHandled() {
        CsvSplitter.Body body = CsvSplitter.split(bytes("a,,c\n\n,b,\n"), false);
        assertThat(body.rows()).extracting(CsvSplitter.Row::fields)
                .containsExactly(List.of("a", "", "c"), List.of("", "b", ""));
    }

    @Test
    void brokenQuotingNamesTheRow() {
        assertThatThrownBy(() -> CsvSplitter.split(bytes("a,b\nc,\"d\n"), false))
                .isInstanceOfSatisfying(MalformedBodyException.class, e -> assertThat(e.index()).isEqualTo(1))
                .hasMessageContaining("unterminated");
        assertThatThrownBy(() -> CsvSplitter.split(bytes("a,b\"c\n"), false)).hasMessageContaining("stray quote");
        assertThatThrownBy(() -> CsvSplitter.split(bytes("a,\"b\"c\n"), false)).hasMessageContaining("stray quote");
    }

    @Test
    void quotedFieldsKeepCommasDoubledQuotesAndCrlfAndTheRowKeepsItsExactBytes() {
        String row = "\"a,b\",\"say \"\"hi\"\"\",\"line1\r\nline2\",\"\",plain";
        CsvSplitter.Body body = CsvSplitter.split(bytes(row + "\r\n"), false);
        assertThat(body.rows()).hasSize(1);
        CsvSplitter.Row only = body.rows().get(0);
        assertThat(text(only.raw())).isEqualTo(row);
        assertThat(only.size()).isEqualTo(5);
        assertThat(only.fields()).containsExactly("a,b", "say \"hi\"", "line1\r\nline2", "", "plain");
    }

    @Test
    void fieldsAreDecodedOneByOneAndMultiByteTextNextToDelimitersStaysWhole() {
        CsvSplitter.Row row = CsvSplitter.split(bytes("é,\"ü\",中文,\"😀,x\"\n"), false).rows().get(0);
        assertThat(row.field(3)).isEqualTo("😀,x");
        assertThat(row.field(0)).isEqualTo("é");
        assertThat(row.fields()).containsExactly("é", "ü", "中文", "😀,x");
    }

    @Test
    void aTrailingCommaIsAnEmptyLastFieldAndCrAloneEndsARow() {
        CsvSplitter.Body body = CsvSplitter.split(bytes("a,b,\rc\r\n"), false);
        assertThat(body.rows()).extracting(CsvSplitter.Row::fields)
                .containsExactly(List.of("a", "b", ""), List.of("c"));
    }

    @Test
    void aByteOrderMarkIsNotPartOfTheFirstRowAndTheHeaderIsPlainText() {
        CsvSplitter.Body body = CsvSplitter.split(bytes("\uFEFFid,\"na\"\"me\"\n1,x"), true);
        assertThat(body.header()).containsExactly("id", "na\"me");
        assertThat(body.rows()).extracting(r -> text(r.raw())).containsExactly("1,x");
        assertThatThrownBy(() -> CsvSplitter.split(bytes("\n\n"), true)).hasMessageContaining("no header row");
    }

    @Test
    void aQuoteRightAfterAClosingQuoteAtTheEndIsUnterminated() {
        assertThatThrownBy(() -> CsvSplitter.split(bytes("a,\"b\"\""), false))
                .isInstanceOfSatisfying(MalformedBodyException.class, e -> assertThat(e.index()).isEqualTo(0))
                .hasMessageContaining("row 1 has an unterminated quote");
    }
}
