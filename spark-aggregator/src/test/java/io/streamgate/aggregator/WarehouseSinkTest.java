package io.streamgate.aggregator;

import io.streamgate.aggregator.sink.WarehouseSink;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The warehouse sink against the real PostgreSQL: table creation, upserts, the batch ledger. */
class WarehouseSinkTest {

    private static final StructType WINDOWS = new StructType()
            .add("window_start", DataTypes.TimestampType).add("window_end", DataTypes.TimestampType)
            .add("C/A", DataTypes.StringType).add("borough", DataTypes.StringType)
            .add("entries", DataTypes.LongType).add("avg_fare", DataTypes.DoubleType);
    private static final List<String> KEY = List.of("window_start", "window_end", "C/A", "borough");

    @Test
    void createsTheTableFromTheWindowsSchemaOnTheFirstWrite() {
        try (TestWarehouse db = new TestWarehouse()) {
            new WarehouseSink(db.url(), "job", "job_windows", KEY).write("q", 0, windows(row(5, "A002", "Bronx", 3, 1.5)));

            assertThat(db.lines("SELECT column_name, data_type FROM information_schema.columns WHERE table_schema ="
                    + " current_schema() AND table_name = 'job_windows'")).containsExactlyInAnyOrder(
                    "C/A text", "avg_fare double precision", "borough text", "entries bigint",
                    "window_end timestamp with time zone", "window_start timestamp with time zone");
            assertThat(db.lines("SELECT * FROM job_windows"))
                    .containsExactly("2020-03-21T05:00:00Z 2020-03-21T06:00:00Z A002 Bronx 3 1.5");
        }
    }

    @Test
    void aNewBatchSetsTheTotalsOfItsWindowsAndInsertsNewOnes() {
        try (TestWarehouse db = new TestWarehouse()) {
            WarehouseSink sink = new WarehouseSink(db.url(), "job", "job_windows", KEY);
            sink.write("q", 0, windows(row(5, "A002", "Bronx", 3, 1.5), row(5, "A002", null, 1, 2.0)));
            boolean wrote = sink.write("q", 1, windows(row(5, "A002", "Bronx", 10, 2.5), row(5, "A002", null, 4, 3.0),
                    row(6, "A002", "Bronx", 1, 1.0)));

            assertThat(wrote).isTrue();
            assertThat(db.lines("SELECT * FROM job_windows")).containsExactly(
                    "2020-03-21T05:00:00Z 2020-03-21T06:00:00Z A002 Bronx 10 2.5",
                    "2020-03-21T05:00:00Z 2020-03-21T06:00:00Z A002 null 4 3.0",
                    "2020-03-21T06:00:00Z 2020-03-21T07:00:00Z A002 Bronx 1 1.0");
            assertThat(db.lines("SELECT job, query_id, batch_id, target_table, windows FROM streamgate_batches"))
                    .containsExactly("job q 0 job_windows 2", "job q 1 job_windows 3");
        }
    }

    @Test
    void replayingABatchTheWarehouseHoldsChangesNothing() {
        try (TestWarehouse db = new TestWarehouse()) {
            new WarehouseSink(db.url(), "job", "job_windows", KEY).write("q", 7, windows(row(5, "A002", "Bronx", 3, 1.5)));
            // a restarted driver (a new sink) replays batch 7; its rows differ only to show they are not applied
            boolean wrote = new WarehouseSink(db.url(), "job", "job_windows", KEY)
                    .write("q", 7, windows(row(5, "A002", "Bronx", 99, 9.9), row(6, "A002", "Bronx", 1, 1.0)));

            assertThat(wrote).isFalse();
            assertThat(db.lines("SELECT * FROM job_windows"))
                    .containsExactly("2020-03-21T05:00:00Z 2020-03-21T06:00:00Z A002 Bronx 3 1.5");
            assertThat(db.lines("SELECT batch_id, windows FROM streamgate_batches")).containsExactly("7 1");
        }
    }

    @Test
    void theSameBatchIdOfAnotherQueryOrJobIsAnotherBatch() {
        try (TestWarehouse db = new TestWarehouse()) {
            new WarehouseSink(db.url(), "job", "job_windows", KEY).write("q1", 0, windows(row(5, "A002", "Bronx", 3, 1.5)));
            new WarehouseSink(db.url(), "job", "job_windows", KEY).write("q2", 0, windows(row(5, "A002", "Bronx", 4, 1.5)));
            new WarehouseSink(db.url(), "other", "other_windows", KEY).write("q2", 0, windows(row(5, "B", "Bronx", 1, 1.0)));

            assertThat(db.lines("SELECT entries FROM job_windows")).containsExactly("4");
            assertThat(db.lines("SELECT \"C/A\" FROM other_windows")).containsExactly("B");
        }
    }

    @Test
    void aBatchThatFailsHalfWayLeavesNothingAndItsReplayWritesItWhole() {
        try (TestWarehouse db = new TestWarehouse()) {
            WarehouseSink sink = new WarehouseSink(db.url(), "job", "job_windows", KEY);
            sink.write("q", 0, windows(row(5, "A002", "Bronx", 3, 1.5)));
            db.execute("CREATE FUNCTION fail() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$"
                    + " LANGUAGE plpgsql");
            db.execute("CREATE TRIGGER fail BEFORE INSERT ON job_windows FOR EACH ROW WHEN (NEW.\"C/A\" = 'FAIL')"
                    + " EXECUTE FUNCTION fail()");
            Dataset<Row> batch = windows(row(5, "A002", "Bronx", 8, 2.0), row(6, "FAIL", "Bronx", 1, 1.0));

            assertThatThrownBy(() -> sink.write("q", 1, batch)).hasMessageContaining("injected failure");
            assertThat(db.lines("SELECT entries FROM job_windows")).containsExactly("3");
            assertThat(db.lines("SELECT batch_id FROM streamgate_batches")).containsExactly("0");

            db.execute("DROP TRIGGER fail ON job_windows");
            assertThat(sink.write("q", 1, batch)).isTrue();
            assertThat(db.lines("SELECT \"C/A\", entries FROM job_windows")).containsExactly("A002 8", "FAIL 1");
        }
    }

    @Test
    void aReplaceSwapsTheWholeTableForWindowsOfANewSchemaAndAFailedOneLeavesTheOld() {
        try (TestWarehouse db = new TestWarehouse()) {
            WarehouseSink sink = new WarehouseSink(db.url(), "job", "job_windows", KEY);
            sink.write("q", 0, windows(row(5, "A002", "Bronx", 3, 1.5), row(6, "A002", "Bronx", 1, 1.0)));
            Dataset<Row> rebuilt = windows(row(5, "A002", "Bronx", 4, 1.5)).withColumn("max_entries", functions.lit(4L));

            assertThat(sink.replace(rebuilt)).isEqualTo(1);
            assertThat(db.lines("SELECT * FROM job_windows"))
                    .containsExactly("2020-03-21T05:00:00Z 2020-03-21T06:00:00Z A002 Bronx 4 1.5 4");
            sink.write("q", 1, rebuilt.withColumn("entries", functions.lit(9L)));
            assertThat(db.lines("SELECT entries, max_entries FROM job_windows")).containsExactly("9 4");

            Dataset<Row> duplicateKeys = rebuilt.union(rebuilt);
            assertThatThrownBy(() -> sink.replace(duplicateKeys)).hasMessageContaining("not replaced");
            assertThat(db.lines("SELECT entries, max_entries FROM job_windows")).as("the old table, whole")
                    .containsExactly("9 4");
        }
    }

    private static Dataset<Row> windows(Row... rows) {
        SparkSession spark = SharedSpark.session();
        return spark.createDataFrame(Arrays.asList(rows), WINDOWS).repartition(2);
    }

    private static Row row(int hour, String ca, String borough, long entries, double avgFare) {
        Instant start = Instant.parse("2020-03-21T00:00:00Z").plusSeconds(hour * 3600L);
        return RowFactory.create(Timestamp.from(start), Timestamp.from(start.plusSeconds(3600)), ca, borough, entries,
                avgFare);
    }
}
