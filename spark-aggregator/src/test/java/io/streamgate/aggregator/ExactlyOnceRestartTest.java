package io.streamgate.aggregator;

import io.delta.tables.DeltaTable;
import io.streamgate.aggregator.job.JobSpec;
import io.streamgate.aggregator.metrics.MetricsRegistry;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A crash after a batch's output was written but before its checkpoint commit (simulated by deleting the commit
 * marker, and any later batch, as Spark's own tests do): on restart the batch runs again and the lake is unchanged.
 */
class ExactlyOnceRestartTest {

    private static final String TURNSTILE = "A002,R051,02-00-0%d,59 ST,NQR456W,BMT,03/21/2020,%s,REGULAR,%d,%d";

    @TempDir
    Path dir;

    @Test
    void replayingTheLastBatchAfterACrashChangesNothing() throws Exception {
        SparkSession spark = SharedSpark.session();
        String topic = TestKafka.topic("restart", 2);
        JobSpec job = TestJobs.bundled("mta-turnstile", topic);
        AggregatorSettings settings = TestJobs.settings(dir);
        JobPipeline first = JobPipeline.start(spark, job, settings, new MetricsRegistry());
        long batch;
        try (TestKafka kafka = new TestKafka()) {
            kafka.sendCsv(topic, List.of(row(0, "01:00:00", 5, 1), row(0, "01:00:00", 5, 1), row(1, "01:30:00", 2, 2)));
            first.processAllAvailable();
            kafka.sendCsv(topic, List.of(row(0, "02:00:00", 7, 3), row(1, "01:45:00", 1, 1), "broken,row"));
            first.processAllAvailable();
            batch = lastDataBatch(first.query());
        } finally {
            first.stop();
        }
        Map<String, List<String>> before = snapshot(spark);
        Map<String, Long> versionsBefore = versions(spark);

        crashBeforeCommit(dir.resolve("checkpoints/mta-turnstile/query"), batch);
        JobPipeline restarted = JobPipeline.start(spark, job, settings, new MetricsRegistry());
        try {
            restarted.processAllAvailable();
            assertThat(batchesRun(restarted.query())).contains(batch);
        } finally {
            restarted.stop();
        }

        assertThat(before.get("events")).hasSize(4);
        assertThat(before.get("quarantine")).hasSize(1);
        assertThat(before.get("windows")).containsExactly(
                "2020-03-21T05:00:00Z 2020-03-21T06:00:00Z A002 R051 02-00-00 59 ST NQR456W BMT 03/21/2020 REGULAR 5 1 1",
                "2020-03-21T05:00:00Z 2020-03-21T06:00:00Z A002 R051 02-00-01 59 ST NQR456W BMT 03/21/2020 REGULAR 3 3 2",
                "2020-03-21T06:00:00Z 2020-03-21T07:00:00Z A002 R051 02-00-00 59 ST NQR456W BMT 03/21/2020 REGULAR 7 3 1");
        assertThat(snapshot(spark)).isEqualTo(before);
        assertThat(versions(spark)).as("the replayed batches committed nothing new").isEqualTo(versionsBefore);
    }

    private static String row(int scp, String time, int entries, int exits) {
        return TURNSTILE.formatted(scp, time, entries, exits);
    }

    private Map<String, List<String>> snapshot(SparkSession spark) {
        return Map.of("events", LakeTables.lines(LakeTables.table(spark, dir, "mta-turnstile", "events")),
                "quarantine", LakeTables.lines(LakeTables.table(spark, dir, "mta-turnstile", "quarantine")),
                "windows", LakeTables.lines(LakeTables.table(spark, dir, "mta-turnstile", "windows")),
                "ledger", LakeTables.lines(LakeTables.table(spark, dir, "mta-turnstile", "ledger")));
    }

    private Map<String, Long> versions(SparkSession spark) {
        return Map.of("events", version(spark, "events"), "quarantine", version(spark, "quarantine"),
                "windows", version(spark, "windows"), "ledger", version(spark, "ledger"));
    }

    private long version(SparkSession spark, String table) {
        String path = dir.resolve("lake/mta-turnstile").resolve(table).toString();
        return DeltaTable.forPath(spark, path).history(1).select("version").first().getLong(0);
    }

    private static long lastDataBatch(StreamingQuery query) {
        return Arrays.stream(query.recentProgress()).filter(p -> p.numInputRows() > 0)
                .mapToLong(StreamingQueryProgress::batchId).max().orElseThrow();
    }

    private static List<Long> batchesRun(StreamingQuery query) {
        return Arrays.stream(query.recentProgress()).map(StreamingQueryProgress::batchId).toList();
    }

    /** The state after a crash between writing batch {@code batch}'s output and committing it. */
    private static void crashBeforeCommit(Path checkpoint, long batch) throws IOException {
        deleteFrom(checkpoint.resolve("commits"), batch);
        deleteFrom(checkpoint.resolve("offsets"), batch + 1);
    }

    private static void deleteFrom(Path log, long firstBatch) throws IOException {
        try (Stream<Path> files = Files.list(log)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString().replaceFirst("^\\.", "").replaceFirst("\\.crc$", "");
                if (name.matches("\\d+") && Long.parseLong(name) >= firstBatch) {
                    Files.delete(file);
                }
            }
        }
    }
}
