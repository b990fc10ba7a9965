package io.streamgate.aggregator;

import io.streamgate.aggregator.batch.Contributions;
import io.streamgate.aggregator.job.JobSpec;
import io.streamgate.aggregator.metrics.MetricsRegistry;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Batch boundaries chosen by the test (a memory stream): a batch of nothing but retries and rejects, rows exactly at
 * the cut-off and just before it, readings of one turnstile held back while another moves on, and register readings
 * across both DST changes. After every batch the windows hold every accepted row: they equal the windows computed
 * from the events table at once.
 */
class BatchBoundariesTest {

    private static final String ROW = "A002,R051,02-00-0%d,59 ST,NQR456W,BMT,%s,%s,REGULAR,%d,%d";
    private static final SparkSession SPARK = SharedSpark.session();

    @TempDir
    Path dir;

    @Test
    void everyAcceptedRowIsInTheWindowsWhateverTheBatchBoundaries() throws Exception {
        JobSpec job = TestJobs.bundled("mta-turnstile", "unused", "name: mta-turnstile", "name: boundaries",
                "watermark: PT4H", "watermark: PT4H\nhorizon: PT4H");
        MemoryKafka source = new MemoryKafka(SPARK, "boundaries");
        JobPipeline pipeline = JobPipeline.start(SPARK, job, TestJobs.settings(dir), new MetricsRegistry(),
                (w, b) -> { }, source.records());
        try {
            step(pipeline, source, job, List.of(row(0, "10:00:00", 5), row(0, "10:30:00", 2)));
            step(pipeline, source, job, List.of(row(0, "10:30:00", 2), "not,a,row"));     // nothing accepted
            step(pipeline, source, job, List.of(row(0, "14:00:00", 1)));                   // cut-off now 10:00
            step(pipeline, source, job, List.of(row(1, "10:00:00", 7), row(1, "09:59:59", 9), row(0, "13:00:00", 4)));
            step(pipeline, source, job, List.of(row(2, "11:00:00", 3), row(1, "10:00:00", 7)));
        } finally {
            pipeline.stop();
        }

        assertThat(LakeTables.lines(LakeTables.table(SPARK, dir, "boundaries", "windows")
                .select("window_start", "SCP", "entries", "readings"))).containsExactly(
                "2020-03-21T14:00:00Z 02-00-00 7 2", "2020-03-21T14:00:00Z 02-00-01 7 1",
                "2020-03-21T15:00:00Z 02-00-02 3 1", "2020-03-21T17:00:00Z 02-00-00 4 1",
                "2020-03-21T18:00:00Z 02-00-00 1 1");
        Row ledger = LakeTables.table(SPARK, dir, "boundaries", "ledger").agg(functions.count(functions.lit(1)),
                functions.sum("late"), functions.sum("duplicates"), functions.sum("quarantined")).first();
        assertThat(ledger.toString()).as("batches, late, duplicates, quarantined").isEqualTo("[5,1,2,1]");
    }

    @Test
    void registerDifferencesAcrossBothDstChangesFollowTheClock() throws Exception {
        JobSpec job = TestJobs.bundled("mta-turnstile-registers", "unused", "name: mta-turnstile-registers",
                "name: dst", "watermark: PT8H", "watermark: PT8H\nhorizon: P365D");
        MemoryKafka source = new MemoryKafka(SPARK, "dst");
        JobPipeline pipeline = JobPipeline.start(SPARK, job, TestJobs.settings(dir), new MetricsRegistry(),
                (w, b) -> { }, source.records());
        try {
            // spring forward 2020-03-08 02:00 EST -> 03:00 EDT; fall back 2020-11-01 02:00 EDT -> 01:00 EST
            step(pipeline, source, job, List.of(reading("03/08/2020", "04:00:00", 1300), reading("11/01/2020", "04:00:00", 5500)));
            step(pipeline, source, job, List.of(reading("03/08/2020", "00:00:00", 1000), reading("11/01/2020", "00:00:00", 5000)));
            step(pipeline, source, job, List.of(reading("03/07/2020", "20:00:00", 900), reading("10/31/2020", "20:00:00", 4900)));
        } finally {
            pipeline.stop();
        }

        assertThat(LakeTables.lines(LakeTables.table(SPARK, dir, "dst", "windows").select("window_start", "DATE",
                "entries"))).containsExactly(
                "2020-03-08T01:00:00Z 03/07/2020 null",        // 20:00 EST: the first reading
                "2020-03-08T05:00:00Z 03/08/2020 100",         // 00:00 EST, 4 hours on
                "2020-03-08T08:00:00Z 03/08/2020 300",         // 04:00 EDT = 08:00Z, 3 hours on
                "2020-11-01T00:00:00Z 10/31/2020 null",        // 20:00 EDT
                "2020-11-01T04:00:00Z 11/01/2020 100",         // 00:00 EDT
                "2020-11-01T09:00:00Z 11/01/2020 500");        // 04:00 EST = 09:00Z, 5 hours on
        // the job's windows follow New York's clock: the local day's first window is 3 hours long, then 5
        assertThat(LakeTables.lines(LakeTables.table(SPARK, dir, "dst", "windows").select("window_start_local",
                "window_end"))).contains("2020-03-08T00:00:00 2020-03-08T08:00:00Z",
                "2020-11-01T00:00:00 2020-11-01T09:00:00Z");
    }

    /** Sends one batch, runs it, and checks that the windows equal those of all events so far. */
    private void step(JobPipeline pipeline, MemoryKafka source, JobSpec job, List<String> rows) {
        source.send(rows);
        pipeline.processAllAvailable();
        Dataset<Row> events = LakeTables.table(SPARK, dir, job.name(), "events");
        assertThat(LakeTables.lines(LakeTables.table(SPARK, dir, job.name(), "windows")))
                .isEqualTo(LakeTables.lines(Contributions.rebuild(job, events)));
    }

    private static String row(int scp, String time, int entries) {
        return ROW.formatted(scp, "03/21/2020", time, entries, 1);
    }

    private static String reading(String date, String time, int entries) {
        return ROW.formatted(0, date, time, entries, 1);
    }
}
