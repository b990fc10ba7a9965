package io.streamgate.aggregator.aggregate;

import io.delta.tables.DeltaTable;
import io.streamgate.aggregator.sql.Columns;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.List;

/**
 * Upserts the changed windows of one micro-batch (update mode: each row holds the window's current totals, from
 * the aggregation state) into the Delta {@code windows} table. The MERGE sets the totals and never adds to them,
 * and it runs as an idempotent Delta transaction (app id = the query's id, version = the batch id): replaying a
 * batch after a crash is skipped by Delta, and even if it were not, it would write the same values.
 */
final class WindowMerge {

    private static final String TXN_APP_ID = "spark.databricks.delta.write.txnAppId";
    private static final String TXN_VERSION = "spark.databricks.delta.write.txnVersion";

    private final String path;
    private final List<String> keyColumns;

    WindowMerge(String path, List<String> keyColumns) {
        this.path = path;
        this.keyColumns = keyColumns;
    }

    void merge(Dataset<Row> changed, String appId, long batchId) {
        SparkSession spark = changed.sparkSession();
        spark.conf().set(TXN_APP_ID, appId);
        spark.conf().set(TXN_VERSION, batchId);
        try {
            DeltaTable.forPath(spark, path).as("t")
                    .merge(changed.as("s"), matchCondition())
                    .whenMatched().updateAll()
                    .whenNotMatched().insertAll()
                    .execute();
        } finally {
            spark.conf().unset(TXN_APP_ID);
            spark.conf().unset(TXN_VERSION);
        }
    }

    private Column matchCondition() {
        return keyColumns.stream()
                .map(k -> Columns.col("t", k).eqNullSafe(Columns.col("s", k)))
                .reduce(Column::and)
                .orElseThrow();
    }
}
