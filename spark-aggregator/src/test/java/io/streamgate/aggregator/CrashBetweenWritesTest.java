package io.streamgate.aggregator;

import io.streamgate.aggregator.batch.BatchWriter;
import io.streamgate.aggregator.job.JobSpec;
import io.streamgate.aggregator.metrics.MetricsRegistry;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A crash after each write of a batch in turn (windows, events, quarantine, ledger, Kafka, export), then a restart
 * from the checkpoint: every table, the exported files and the Kafka topic end as in a run without crashes over the
 * same batches. For the sum job and for the counter-delta job, whose differences a replayed batch must derive from
 * the same neighbouring readings again (a counter reset among them).
 */
class CrashBetweenWritesTest {

    private static final String TURNSTILE = "A002,R051,02-00-0%d,59 ST,NQR456W,BMT,03/21/2020,%02d:%02d:00,REGULAR,%d,%d";
    private static final List<String> WRITES = List.of("windows", "events", "quarantine", "ledger", "kafka", "export");
    private static final SparkSession SPARK = SharedSpark.session();

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"mta-turnstile", "mta-turnstile-registers"})
    void aCrashAfterAnyWriteOfABatchLeavesEveryOutputAsWithoutIt(String jobName) throws Exception {
        List<List<String>> batches = batches();
        Map<String, Object> reference = run(jobName, "reference", batches, Set.of());
        // the counter job differs in what a replay computes, from events it may already have written itself: the
        // crashes after the windows and the events writes; the later writes are the same for every job
        Set<String> crashes = jobName.equals("mta-turnstile") ? new HashSet<>(WRITES) : Set.of("windows", "events");
        Map<String, Object> crashed = run(jobName, "crashed", batches, crashes);

        assertThat(((List<?>) reference.get("windows"))).hasSizeGreaterThan(2);
        assertThat(((List<?>) reference.get("export"))).isNotEmpty();
        assertThat(crashed).isEqualTo(reference);
    }

    /** Batch i: new readings two hours on, a retry of the last batch's reading, a malformed row, a row too late. */
    private static List<List<String>> batches() {
        List<List<String>> batches = new ArrayList<>();
        for (int i = 0; i < WRITES.size(); i++) {
            int hour = 4 + 2 * i;
            List<String> rows = new ArrayList<>(List.of(row(0, hour, 0, 10 + i), row(1, hour, 20, 3), row(0, hour + 1, 40, 1),
                    "malformed," + i));
            if (i > 0) {
                rows.add(row(1, hour - 2, 20, 3));
            }
            if (i > 2) {
                rows.add(row(2, 0, 5, 100));
            }
            batches.add(rows);
        }
        return batches;
    }

    private static String row(int scp, int hour, int minute, int entries) {
        return TURNSTILE.formatted(scp, hour, minute, entries, 1);
    }

    private Map<String, Object> run(String jobName, String name, List<List<String>> batches, Set<String> crashes)
            throws Exception {
        Path root = dir.resolve(name);
        String updates = TestKafka.topic("crash-updates", 1);
        String watermark = jobName.equals("mta-turnstile") ? "watermark: PT4H" : "watermark: PT8H";
        JobSpec job = TestJobs.bundled(jobName, "unused", "name: " + jobName, "name: crash",
                watermark, "watermark: PT2H\nhorizon: PT4H",
                "trigger: PT5S", "trigger: PT5S\nsinks: {export: {formats: [csv]}, kafka: {topic: " + updates + "}}");
        MemoryKafka source = new MemoryKafka(SPARK, "crash");
        Set<Long> crashed = new HashSet<>();
        BatchWriter.Hook hook = (write, batchId) -> {
            if (batchId < WRITES.size() && crashes.contains(write) && WRITES.get((int) (long) batchId).equals(write)
                    && crashed.add(batchId)) {
                throw new IllegalStateException("injected crash after the " + write + " write of batch " + batchId);
            }
        };
        JobPipeline pipeline = start(job, root, hook, source);
        try {
            for (int i = 0; i < batches.size(); i++) {
                source.send(batches.get(i));
                if (!crashes.contains(WRITES.get(i))) {
                    pipeline.processAllAvailable();
                    continue;
                }
                JobPipeline dying = pipeline;
                assertThatThrownBy(dying::processAllAvailable).hasStackTraceContaining("injected crash after the "
                        + WRITES.get(i) + " write of batch " + i);
                pipeline.stop();
                pipeline = start(job, root, hook, source);
                pipeline.processAllAvailable();
            }
        } finally {
            pipeline.stop();
        }
        assertThat(crashed).hasSize(crashes.size());
        Map<String, Object> outputs = new LinkedHashMap<>();
        for (String table : List.of("events", "quarantine", "windows")) {
            outputs.put(table, LakeTables.lines(LakeTables.table(SPARK, root, "crash", table)));
        }
        outputs.put("ledger", LakeTables.lines(LakeTables.table(SPARK, root, "crash", "ledger").drop("query_id")));
        outputs.put("export", LakeTables.lines(SPARK.read().option("header", true)
                .csv(root.resolve("lake/crash/export/csv").toString())));
        outputs.put("kafka", new ArrayList<>(TestKafka.latestValues(updates).values()).stream().sorted().toList());
        return outputs;
    }

    private static JobPipeline start(JobSpec job, Path root, BatchWriter.Hook hook, MemoryKafka source) throws Exception {
        return JobPipeline.start(SPARK, job, TestJobs.settings(root), new MetricsRegistry(), hook, source.records());
    }
}
