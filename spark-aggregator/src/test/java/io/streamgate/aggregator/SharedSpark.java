package io.streamgate.aggregator;

import org.apache.spark.sql.SparkSession;

/**
 * The one SparkSession of the test JVM: local[2], no UI, 4 shuffle partitions, Delta, RocksDB state, and
 * expressions interpreted rather than compiled. The tests' batches hold tens of rows, so generating and compiling
 * code for each plan cost more than running it (PublishedOrderTest alone: 88 s compiled, 72 s interpreted); the
 * compiled paths run where the job runs as in production: the end-to-end test, StandaloneClusterIT and the rebuild
 * JVM of SpecEvolutionTest.
 */
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
                    .config("spark.sql.codegen.wholeStage", "false")
                    .config("spark.sql.codegen.factoryMode", "NO_CODEGEN")
                    .getOrCreate();
        }
        return session;
    }
}
