package io.streamgate.aggregator.sink;

import io.delta.tables.DeltaTable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

import java.util.List;

/**
 * Idempotent Delta writes from {@code foreachBatch}: every write carries {@code txnAppId} (the streaming query's
 * id, stable across restarts from the same checkpoint) and {@code txnVersion} (the batch id). Delta records both in
 * the commit and skips a write whose version it has already committed for that app id, so a batch replayed after
 * a crash (its data written, its checkpoint commit not) changes nothing.
 */
public final class DeltaWrites {

    private DeltaWrites() {
    }

    public static void append(Dataset<Row> rows, String path, String appId, long batchId) {
        rows.write().format("delta").mode("append")
                .option("txnAppId", appId).option("txnVersion", batchId)
                .save(path);
    }

    /** Creates an empty table with this schema unless one exists, so streams and MERGEs can start on it. */
    public static void ensureTable(SparkSession spark, String path, StructType schema) {
        if (!DeltaTable.isDeltaTable(spark, path)) {
            spark.createDataFrame(List.of(), withoutMetadata(schema)).write().format("delta").mode("append").save(path);
        }
    }

    private static StructType withoutMetadata(StructType schema) {
        StructType clean = new StructType();
        for (var field : schema.fields()) {
            clean = clean.add(field.name(), field.dataType(), true);
        }
        return clean;
    }
}
