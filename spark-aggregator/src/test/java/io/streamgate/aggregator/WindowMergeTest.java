package io.streamgate.aggregator;

import io.delta.tables.DeltaTable;
import io.streamgate.aggregator.aggregate.WindowMerge;
import io.streamgate.aggregator.aggregate.WindowPartials;
import io.streamgate.aggregator.job.JobLoader;
import io.streamgate.aggregator.job.JobSpec;
import io.streamgate.aggregator.sink.DeltaWrites;
import io.streamgate.aggregator.sql.Columns;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The windows MERGE of a batch's partials, which the batch has persisted. */
class WindowMergeTest {

    private final SparkSession spark = SharedSpark.session();
    private final JobSpec job = new JobLoader().bundled("mta-turnstile");

    @TempDir
    Path dir;

    @Test
    void readsThePersistedPartialsWithoutDeltasCopyOfThem() throws Exception {
        StaticKafka kafka = new StaticKafka();
        for (int i = 0; i < 50; i++) {
            kafka.add("id-" + i, "A002,R051,%05d,59 ST,NQR456W,BMT,03/21/2020,0%d:00:00,REGULAR,%d,1".formatted(i, i % 4, i));
        }
        Dataset<Row> partials = StaticBatch.windows(spark, job, kafka.toDataset(spark))
                .persist(StorageLevel.MEMORY_AND_DISK());
        Row range = partials.agg(functions.min(Columns.WINDOW_START), functions.max(Columns.WINDOW_START)).first();
        String withCopy = table("with-copy", partials);
        String windows = table("windows", partials);
        try {
            // the same MERGE on Delta's own setting: the copy it makes is seen, as blocks stored on disk only
            assertThat(SparkEvents.during(spark, () -> DeltaTable.forPath(spark, withCopy).as("t")
                    .merge(partials.as("s"), "t.window_start = s.window_start AND t.SCP = s.SCP")
                    .whenMatched().updateAll().whenNotMatched().insertAll().execute()).diskOnlyBlocks()).isPositive();

            assertThat(SparkEvents.during(spark, () -> new WindowMerge(windows, new WindowPartials(job))
                    .merge(partials, range, "query", 0)).diskOnlyBlocks()).isZero();
        } finally {
            partials.unpersist();
        }
        assertThat(LakeTables.lines(spark.read().format("delta").load(windows)))
                .hasSize(50).isEqualTo(LakeTables.lines(partials));
    }

    private String table(String name, Dataset<Row> partials) {
        String path = dir.resolve(name).toString();
        DeltaWrites.ensureTable(spark, path, partials.schema(), Map.of(), null);
        return path;
    }
}
