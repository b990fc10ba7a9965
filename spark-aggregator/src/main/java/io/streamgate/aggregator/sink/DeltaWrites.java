package io.streamgate.aggregator.sink;

import io.delta.tables.DeltaTable;
import io.delta.tables.DeltaTableBuilder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Idempotent Delta writes from {@code foreachBatch}: every write carries {@code txnAppId} (the streaming query's
 * id, stable across restarts from the same checkpoint) and {@code txnVersion} (the batch id). Delta records both in
 * the commit and skips a write whose version it has already committed for that app id, so a batch replayed after
 * a crash (some of its writes done, its checkpoint commit not) writes only what it had not written yet. After each
 * write, the table's new snapshot is computed ahead of the next batch ({@link SnapshotWarmer}).
 */
public final class DeltaWrites {

    private static final String TXN_APP_ID = "spark.databricks.delta.write.txnAppId";
    private static final String TXN_VERSION = "spark.databricks.delta.write.txnVersion";

    private DeltaWrites() {
    }

    public static void append(Dataset<Row> rows, String path, String appId, long batchId) {
        rows.write().format("delta").mode("append")
                .option("txnAppId", appId).option("txnVersion", batchId)
                .save(path);
        SnapshotWarmer.warm(rows.sparkSession(), path);
    }

    /**
     * Runs a Delta DML command (MERGE) on the table at {@code path} as the idempotent transaction (appId, batchId),
     * with these session settings for its duration.
     */
    public static void inTransaction(SparkSession spark, String path, String appId, long batchId,
                                     Map<String, String> settings, Runnable command) {
        Map<String, String> all = new LinkedHashMap<>(settings);
        all.put(TXN_APP_ID, appId);
        all.put(TXN_VERSION, Long.toString(batchId));
        Map<String, String> before = new LinkedHashMap<>();
        all.forEach((key, value) -> {
            before.put(key, spark.conf().get(key, null));
            spark.conf().set(key, value);
        });
        try {
            command.run();
        } finally {
            before.forEach((key, value) -> {
                if (value == null) {
                    spark.conf().unset(key);
                } else {
                    spark.conf().set(key, value);
                }
            });
        }
        SnapshotWarmer.warm(spark, path);
    }

    /**
     * Creates an empty table with this schema (nullable columns, no metadata), these table properties and, if
     * given, this partition column, unless one exists.
     */
    public static void ensureTable(SparkSession spark, String path, StructType schema, Map<String, String> properties,
                                   String partitionColumn) {
        if (DeltaTable.isDeltaTable(spark, path)) {
            return;
        }
        DeltaTableBuilder builder = DeltaTable.createIfNotExists(spark).location(path);
        for (StructField field : schema.fields()) {
            builder = builder.addColumn(field.name(), field.dataType(), true);
        }
        for (Map.Entry<String, String> property : properties.entrySet()) {
            builder = builder.property(property.getKey(), property.getValue());
        }
        if (partitionColumn != null) {
            builder = builder.partitionedBy(partitionColumn);
        }
        builder.execute();
    }
}
