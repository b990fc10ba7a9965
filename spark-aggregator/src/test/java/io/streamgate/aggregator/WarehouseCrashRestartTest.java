package io.streamgate.aggregator;

import io.streamgate.aggregator.job.JobSpec;
import io.streamgate.aggregator.metrics.MetricsRegistry;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The aggregator with the warehouse sink, crashed between a batch's Delta MERGE (committed) and its warehouse write
 * (failed by the database, as a lost connection or a full disk would): after the restart the warehouse table holds
 * exactly what the Delta {@code windows} table holds, and the ledger has each batch once.
 */
class WarehouseCrashRestartTest {

    private static final String TURNSTILE = "A002,R051,02-00-0%d,59 ST,NQR456W,BMT,03/21/2020,%s,REGULAR,%d,%d";

    @TempDir
    Path dir;

    @Test
    void afterACrashBetweenTheDeltaAndTheWarehouseWriteTheRestartMakesTheWarehouseEqualTheLake() throws Exception {
        SparkSession spark = SharedSpark.session();
        String topic = TestKafka.topic("warehouse", 2);
        JobSpec job = TestJobs.bundled("mta-turnstile", topic);
        try (TestWarehouse db = new TestWarehouse(); TestKafka kafka = new TestKafka()) {
            AggregatorSettings plain = TestJobs.settings(dir);
            AggregatorSettings settings = new AggregatorSettings(plain.bootstrapServers(), plain.lake(),
                    plain.checkpoints(), plain.startingOffsets(), Duration.ZERO, null, db.url());
            JobPipeline first = JobPipeline.start(spark, job, settings, new MetricsRegistry());
            try {
                kafka.sendCsv(topic, List.of(row(0, "01:00:00", 5, 1), row(1, "01:30:00", 2, 2)));
                first.processAllAvailable();
                assertThat(warehouse(db)).isEqualTo(lake(spark)).hasSize(2);

                db.execute("CREATE FUNCTION crash() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'injected crash';"
                        + " END $$ LANGUAGE plpgsql");
                db.execute("CREATE TRIGGER crash BEFORE INSERT OR UPDATE ON mta_turnstile_windows"
                        + " EXECUTE FUNCTION crash()");
                kafka.sendCsv(topic, List.of(row(0, "01:15:00", 7, 3), row(0, "02:00:00", 4, 4)));
                assertThatThrownBy(first::processAllAvailable).hasStackTraceContaining("injected crash");
            } finally {
                first.stop();
            }
            List<String> lakeAfterCrash = lake(spark);
            assertThat(lakeAfterCrash).as("the MERGE committed before the warehouse write failed").contains(
                    "2020-03-21T05:00:00Z 2020-03-21T06:00:00Z A002 R051 02-00-00 59 ST NQR456W BMT 03/21/2020 REGULAR 12 4 2",
                    "2020-03-21T06:00:00Z 2020-03-21T07:00:00Z A002 R051 02-00-00 59 ST NQR456W BMT 03/21/2020 REGULAR 4 4 1");
            assertThat(warehouse(db)).isNotEqualTo(lakeAfterCrash).hasSize(2);

            db.execute("DROP TRIGGER crash ON mta_turnstile_windows");
            JobPipeline restarted = JobPipeline.start(spark, job, settings, new MetricsRegistry());
            try {
                restarted.processAllAvailable();
            } finally {
                restarted.stop();
            }

            assertThat(lake(spark)).as("the replay changed nothing in the lake").isEqualTo(lakeAfterCrash);
            assertThat(warehouse(db)).isEqualTo(lakeAfterCrash);
            assertThat(db.lines("SELECT batch_id FROM streamgate_batches")).isNotEmpty().doesNotHaveDuplicates();
        }
    }

    private List<String> lake(SparkSession spark) {
        return LakeTables.lines(LakeTables.table(spark, dir, "mta-turnstile", "windows"));
    }

    private static List<String> warehouse(TestWarehouse db) {
        return db.lines("SELECT * FROM mta_turnstile_windows");
    }

    private static String row(int scp, String time, int entries, int exits) {
        return TURNSTILE.formatted(scp, time, entries, exits);
    }
}
