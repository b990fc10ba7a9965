package io.streamgate.aggregator;

import io.streamgate.aggregator.sink.DeltaWrites;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.Snapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An idempotent write leaves its table's new snapshot replayed for the next one: without anyone reading the table,
 * the snapshot the commit made gets its state computed, and it holds the write's transaction id.
 */
class SnapshotWarmingTest {

    private final SparkSession spark = SharedSpark.session();

    @TempDir
    Path dir;

    @Test
    void theSnapshotAWriteMadeIsReplayedBeforeTheNextWriteAsksForIt() {
        String path = dir.resolve("table").toString();
        Dataset<Row> rows = spark.range(3).toDF("n");
        DeltaWrites.append(rows, path, "query-a", 0);
        DeltaWrites.append(rows, path, "query-a", 1);

        Snapshot written = DeltaLog.forTable(spark, path).unsafeVolatileSnapshot();
        assertThat(written.version()).isEqualTo(1);
        await().atMost(Duration.ofMinutes(1)).until(written::_computedStateTriggered);
        assertThat(written.transactions().get("query-a").get()).isEqualTo(1L);
    }
}
