package io.streamgate.lakepeek;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The peek against a lake written by Delta Spark (src/test/resources/lake, made by src/test/fixture-maker): the
 * answer, the exit code and what goes to stdout and stderr, as {@code ./lake.sh} shows them.
 */
class PeekTest {

    private static final String LAKE = lake();

    @Test
    void windowsShowTheCurrentSnapshotNewestWindowFirstAndNeverTheRemovedFiles() throws IOException {
        Result result = peek("shop", "windows");

        assertThat(result.code).isZero();
        assertThat(result.err).isEmpty();
        assertThat(result.out.lines().skip(1)).containsExactly(
                "window_start         | window_end           | STATION       | entries",
                "-------------------- | -------------------- | ------------- | -------",
                "2020-03-21T07:00:00Z | 2020-03-21T08:00:00Z | BOWLING GREEN | 7",
                "2020-03-21T05:00:00Z | 2020-03-21T06:00:00Z | 59 ST         | 50",
                "2020-03-21T05:00:00Z | 2020-03-21T06:00:00Z | ASTOR PL      | 31");
        assertThat(result.out.lines().findFirst().orElseThrow())
                .endsWith("shop/windows: version 3, 1 live files, 3 rows, newest window_start first");
        // the first append's and the overwrite's files (entries 5, 3, 1 and 30) are still on disk, unread
        try (Stream<Path> files = Files.list(Path.of(LAKE, "shop", "windows"))) {
            assertThat(files.filter(f -> f.toString().endsWith(".parquet")).count()).isEqualTo(3);
        }
    }

    @Test
    void rowsLimitTheAnswerAndSayHowManyMoreThereAre() {
        Result result = peek("shop", "windows", "1");

        assertThat(result.code).isZero();
        assertThat(result.out.lines().skip(3)).containsExactly(
                "2020-03-21T07:00:00Z | 2020-03-21T08:00:00Z | BOWLING GREEN | 7",
                "(2 more rows)");
    }

    @Test
    void sqlRunsOverTheJobsTablesByName() {
        Result result = peek("--sql", "select w.STATION, w.entries, sum(e.ENTRIES) as event_entries from windows w"
                + " left join events e on e.STATION = w.STATION and e.event_time >= w.window_start"
                + " and e.event_time < w.window_end group by all order by 1", "shop");

        assertThat(result.err).isEmpty();
        assertThat(result.code).isZero();
        assertThat(result.out.lines()).containsExactly(
                "STATION       | entries | event_entries",
                "------------- | ------- | -------------",
                "59 ST         | 50      | 50",
                "ASTOR PL      | 31      | NULL",
                "BOWLING GREEN | 7       | NULL");
    }

    @Test
    void renamedColumnsOfAColumnMappedTableAreReadByTheirPhysicalNames() {
        Result result = peek("renamed", "windows");

        assertThat(result.code).isZero();
        assertThat(result.out.lines().skip(1)).containsExactly(
                "window_start         | window_end           | STATION | total_entries",
                "-------------------- | -------------------- | ------- | -------------",
                "2020-03-21T05:00:00Z | 2020-03-21T06:00:00Z | 59 ST   | 5");
    }

    @Test
    void aTableWithDeletionVectorsIsRefusedRatherThanShownWithItsDeletedRows() {
        Result result = peek("dv", "windows");

        assertThat(result.code).isEqualTo(1);
        assertThat(result.out).isEmpty();
        assertThat(result.err).contains("dv/windows has deletion vectors").contains("refuses to show deleted rows");
    }

    @Test
    void aPartitionedTableShowsItsPartitionValuesFromTheLog() {
        Result result = peek("parts", "windows");

        assertThat(result.code).isZero();
        // STATION is in the directory name and the log, not in the Parquet file
        assertThat(result.out.lines().skip(3)).containsExactly(
                "2020-03-21T05:00:00Z | 2020-03-21T06:00:00Z | 59 ST   | 5");
        assertThat(peek("--sql", "select STATION, sum(entries) from windows group by 1", "parts").out)
                .contains("59 ST").contains("5");
    }

    @Test
    void anUnknownJobNamesTheJobsThere() {
        Result result = peek("nope", "windows");

        assertThat(result.code).isEqualTo(1);
        assertThat(result.out).isEmpty();
        assertThat(result.err).isEqualTo("no job 'nope' in the lake " + LAKE + "; jobs there: dv, parts, renamed, shop"
                + System.lineSeparator());
    }

    @Test
    void aMissingTableOfAJobSaysSo() {
        Result result = peek("shop", "quarantine");

        assertThat(result.code).isEqualTo(1);
        assertThat(result.err).startsWith("no Delta table at ").contains("shop/quarantine");
    }

    @Test
    void malformedCommandLinesPrintTheUsageAndExitWith2() {
        for (List<String> args : List.of(List.of("shop", "bogus"), List.of("shop", "windows", "zero"),
                List.of("../etc", "windows"), List.of("shop", "windows", "5", "extra"), List.of("shop", "--sql"))) {
            Result result = peek(args.toArray(String[]::new));
            assertThat(result.code).as("%s", args).isEqualTo(2);
            assertThat(result.err).as("%s", args).contains("usage: lake.sh");
        }
        assertThat(peek("shop", "bogus").err).startsWith("no table 'bogus'; a job's tables are events, windows, quarantine");
    }

    @Test
    void badSqlIsAnsweredWithDuckDbsMessage() {
        Result result = peek("--sql", "select nope from windows", "shop");

        assertThat(result.code).isEqualTo(1);
        assertThat(result.err).startsWith("SQL failed: ").contains("nope");
    }

    private static Result peek(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] all = Stream.concat(Stream.of(LAKE), Stream.of(args)).toArray(String[]::new);
        int code = Peek.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), all);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String lake() {
        try {
            return Path.of(PeekTest.class.getResource("/lake").toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Result(int code, String out, String err) {
    }
}
