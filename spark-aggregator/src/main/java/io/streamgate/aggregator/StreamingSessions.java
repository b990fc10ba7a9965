package io.streamgate.aggregator;

import io.streamgate.aggregator.job.JobSpec;
import io.streamgate.aggregator.sql.Columns;
import org.apache.spark.sql.SparkSession;

/** The session settings every run needs, on a cluster, in {@code local[*]} and in tests. */
public final class StreamingSessions {

    /** Files a task writes at once, one per partition value, before it sorts its remaining rows instead. */
    public static final int MAX_OPEN_FILES_PER_TASK = 64;

    private StreamingSessions() {
    }

    public static SparkSession.Builder configure(SparkSession.Builder builder) {
        return builder
                // Event times are converted from each job's zone explicitly; the session zone must not shift them.
                .config("spark.sql.session.timeZone", "UTC")
                // Unparseable dates become null (and the record is quarantined) instead of failing the batch.
                .config("spark.sql.legacy.timeParserPolicy", "CORRECTED")
                // A batch caches its parsed records and decisions once and reads them a few times; encoding the
                // cache (dictionary, run-length) took a sixth of the job's CPU for memory it gives back in seconds.
                .config("spark.sql.inMemoryColumnarStorage.compressed", "false")
                // ce_id and the Kafka offset are unique per row. Parquet filled a dictionary with the first page of
                // each file and then gave it up, and an events file (one date of one task) is often one page: about
                // 6 % of the job's CPU went to dictionaries that were never written.
                .config("parquet.enable.dictionary#" + JobSpec.CE_ID, "false")
                .config("parquet.enable.dictionary#" + Columns.KAFKA_OFFSET, "false")
                // events is partitioned by event date, so Spark sorted each task's rows by date before writing them,
                // one file after another. With a file open per date instead, the rows are written as they are; a
                // catch-up batch of 1.5 million readings spans about 50 dates here (beyond 64 Spark sorts the rest).
                .config("spark.sql.maxConcurrentOutputFileWriters", String.valueOf(MAX_OPEN_FILES_PER_TASK))
                .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                .config("spark.sql.streaming.stateStore.providerClass",
                        "org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider")
                .config("spark.sql.streaming.stateStore.rocksdb.changelogCheckpointing.enabled", "true");
    }
}
