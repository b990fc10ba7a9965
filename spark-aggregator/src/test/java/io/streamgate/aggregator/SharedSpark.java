package io.streamgate.aggregator;

import org.apache.spark.sql.SparkSession;

/** The one SparkSession of the test JVM: local[2], no UI, 4 shuffle partitions, Delta, RocksDB state. */
final class SharedSpark {

    private static SparkSession session;

    private SharedSpark() {
    }

    static synchronized SparkSession session() {
        if (session == null) {
            session = StreamingSessions.configure(SparkSession.builder())
                    .master("local[2]")
                    .appName("spark-aggregator-tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "4")
                    .config("spark.default.parallelism", "2")
                    .config("spark.databricks.delta.snapshotPartitions", "2")
                    .config("spark.sql.streaming.minBatchesToRetain", "10")
                    // state maintenance is background cleanup; in short tests it only competes for the 2 cores
                    .config("spark.sql.streaming.stateStore.maintenanceInterval", "10m")
                    .getOrCreate();
        }
        return session;
    }
}
