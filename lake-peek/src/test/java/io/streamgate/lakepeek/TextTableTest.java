package io.streamgate.lakepeek;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TextTableTest {

    @Test
    void alignsEveryColumnToItsWidestCellAndShowsNullsAsNull() {
        String table = TextTable.render(List.of("a", "longer"),
                List.of(List.of("wide value", "1"), Arrays.asList(null, "22")));

        assertThat(table.lines()).containsExactly(
                "a          | longer",
                "---------- | ------",
                "wide value | 1",
                "NULL       | 22");
    }

    @Test
    void anEmptyAnswerIsItsHeader() {
        assertThat(TextTable.render(List.of("x"), List.of()).lines()).containsExactly("x", "-");
    }
}
