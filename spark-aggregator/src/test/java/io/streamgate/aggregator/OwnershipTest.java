package io.streamgate.aggregator;

import io.streamgate.aggregator.batch.Contributions;
import io.streamgate.aggregator.job.JobSpec;
import io.streamgate.aggregator.lake.StartRefused;
import io.streamgate.aggregator.metrics.MetricsRegistry;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The tables belong to the query that writes them: a start with a new checkpoint is refused with one line naming
 * the ways out; {@code --recover resume} refuses while a half-written batch is in the tables, {@code --recover
 * rebuild} removes it, recomputes the windows from the events and continues without counting anything twice.
 * A checkpoint also keeps its number of shuffle partitions, and a start asking for another is refused.
 */
class OwnershipTest {

    private static final String TURNSTILE = "A002,R051,02-00-0%d,59 ST,NQR456W,BMT,03/21/2020,%02d:00:00,REGULAR,%d,1";
    private static final SparkSession SPARK = SharedSpark.session();

    @TempDir
    Path dir;

    @Test
    void aNewCheckpointOnExistingTablesIsRefusedUntilRecoveredByRebuild() throws Exception {
        String topic = TestKafka.topic("ownership", 2);
        JobSpec job = TestJobs.bundled("mta-turnstile", topic);
        JobPipeline first = JobPipeline.start(SPARK, job, settings("first", null), new MetricsRegistry(),
                (write, batch) -> {
                    if (batch == 1 && write.equals("events")) {
                        throw new IllegalStateException("injected crash after the events append of batch 1");
                    }
                }, null);
        try (TestKafka kafka = new TestKafka()) {
            kafka.sendCsv(topic, List.of(row(0, 1, 5), row(1, 1, 7), "broken"));
            first.processAllAvailable();
            kafka.sendCsv(topic, List.of(row(0, 2, 3), row(0, 1, 5)));
            assertThatThrownBy(first::processAllAvailable).hasStackTraceContaining("injected crash");
        } finally {
            first.stop();
        }
        List<String> events = lines("events");
        List<String> windows = lines("windows");

        assertThatThrownBy(() -> JobPipeline.start(SPARK, job, settings("second", null), new MetricsRegistry()))
                .isInstanceOf(StartRefused.class)
                .hasMessageStartingWith("job mta-turnstile: the tables under ")
                .hasMessageContaining("is new; restart with --recover resume")
                .hasMessageContaining("--recover rebuild");
        assertThatThrownBy(() -> JobPipeline.start(SPARK, job, settings("second", "resume"), new MetricsRegistry()))
                .isInstanceOf(StartRefused.class)
                .hasMessage("job mta-turnstile: 1 rows in events/quarantine come from a batch that did not complete;"
                        + " restart with --recover rebuild");
        assertThat(lines("events")).as("refused starts change nothing").isEqualTo(events).hasSize(3);
        assertThat(lines("windows")).isEqualTo(windows);

        JobPipeline rebuilt = JobPipeline.start(SPARK, job, settings("second", "rebuild"), new MetricsRegistry());
        try (TestKafka kafka = new TestKafka()) {
            rebuilt.processAllAvailable();
            kafka.sendCsv(topic, List.of(row(1, 2, 4), row(0, 1, 5)));
            rebuilt.processAllAvailable();
        } finally {
            rebuilt.stop();
        }
        Dataset<Row> all = LakeTables.table(SPARK, dir, job.name(), "events");
        assertThat(all.select("SCP", "TIME", "ENTRIES").collectAsList()).extracting(Row::toString)
                .containsExactlyInAnyOrder("[02-00-00,01:00:00,5]", "[02-00-01,01:00:00,7]", "[02-00-00,02:00:00,3]",
                        "[02-00-01,02:00:00,4]");
        assertThat(lines("windows")).isEqualTo(LakeTables.lines(Contributions.rebuild(job, all)));
        assertThat(LakeTables.table(SPARK, dir, job.name(), "quarantine").count()).isEqualTo(1);
    }

    @Test
    void aStartWithOtherShufflePartitionsThanTheCheckpointIsRefused() throws Exception {
        JobSpec job = TestJobs.bundled("mta-turnstile", "unused", "name: mta-turnstile", "name: shuffle");
        MemoryKafka source = new MemoryKafka(SPARK, "shuffle");
        AggregatorSettings settings = settings("shuffle", null);
        JobPipeline pipeline = JobPipeline.start(SPARK, job, settings, new MetricsRegistry(), (w, b) -> { }, source.records());
        try {
            source.send(List.of(row(0, 1, 1)));
            pipeline.processAllAvailable();
        } finally {
            pipeline.stop();
        }
        SPARK.conf().set("spark.sql.shuffle.partitions", "3");
        try {
            assertThatThrownBy(() -> JobPipeline.start(SPARK, job, settings, new MetricsRegistry(), (w, b) -> { },
                    source.records())).isInstanceOf(StartRefused.class).hasMessageEndingWith(
                    "was started with 4 shuffle partitions, this start asks for 3; start with --shuffle-partitions 4"
                            + " (a checkpoint keeps its number for life)");
        } finally {
            SPARK.conf().set("spark.sql.shuffle.partitions", "4");
        }
    }

    private AggregatorSettings settings(String checkpoints, String recover) {
        return new AggregatorSettings(TestKafka.bootstrapServers(), dir.resolve("lake").toString(),
                dir.resolve(checkpoints).toString(), "earliest", Duration.ZERO, recover);
    }

    private List<String> lines(String table) {
        return LakeTables.lines(LakeTables.table(SPARK, dir, "mta-turnstile", table));
    }

    private static String row(int scp, int hour, int entries) {
        return TURNSTILE.formatted(scp, hour, entries);
    }
}
