package io.streamgate.aggregator.sink;

import io.delta.tables.DeltaTable;
import io.delta.tables.DeltaTableBuilder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.Map;

/**
 * Idempotent Delta writes from {@code foreachBatch}: every write carries {@code txnAppId} (the streaming query's
 * id, stable across restarts from the same checkpoint) and {@code txnVersion} (the batch id). Delta records both in
 * the commit and skips a write whose version it has already committed for that app id, so a batch replayed after
 * a crash (some of its writes done, its checkpoint commit not) writes only what it had not written yet.
 */
public final class DeltaWrites {

    private static final String TXN_APP_ID = "spark.databricks.delta.write.txnAppId";
    private static final String TXN_VERSION = "spark.databricks.delta.write.txnVersion";
    private static final String MATERIALIZE_SOURCE = "spark.databricks.delta.merge.materializeSource";

    private DeltaWrites() {
    }

    public static void append(Dataset<Row> rows, String path, String appId, long batchId) {
        rows.write().format("delta").mode("append")
                .option("txnAppId", appId).option("txnVersion", batchId)
                .save(path);
    }

    /**
     * Runs a Delta MERGE as the idempotent transaction {@code (appId, batchId)}, without the copy of its source Delta
     * makes by default ({@code merge.materializeSource=auto} writes it to disk whenever it cannot prove the source
     * deterministic): the caller's source must read the same rows on every evaluation, as a persisted Dataset
     * computed from a replayable batch and unchanged tables does.
     */
    public static void mergeInTransaction(SparkSession spark, String appId, long batchId, Runnable merge) {
        Map<String, String> settings = Map.of(TXN_APP_ID, appId, TXN_VERSION, String.valueOf(batchId),
                MATERIALIZE_SOURCE, "none");
        settings.forEach(spark.conf()::set);
        try {
            merge.run();
        } finally {
            settings.keySet().forEach(spark.conf()::unset);
        }
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
