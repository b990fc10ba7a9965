package io.streamgate.aggregator.aggregate;

import io.delta.tables.DeltaTable;
import io.streamgate.aggregator.sql.Columns;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

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

    /** Merges the batch's windows; false (and nothing written) when the batch holds none. */
    boolean merge(Dataset<Row> changed, String appId, long batchId) {
        Row range = changed.agg(functions.min(Columns.WINDOW_START), functions.max(Columns.WINDOW_START)).first();
        if (range.isNullAt(0)) {
            return false;
        }
        SparkSession spark = changed.sparkSession();
        spark.conf().set(TXN_APP_ID, appId);
        spark.conf().set(TXN_VERSION, batchId);
        try {
            DeltaTable.forPath(spark, path).as("t")
                    .merge(changed.as("s"), matchCondition().and(targetWithin(range)))
                    .whenMatched().updateAll()
                    .whenNotMatched().insertAll()
                    .execute();
        } finally {
            spark.conf().unset(TXN_APP_ID);
            spark.conf().unset(TXN_VERSION);
        }
        return true;
    }

    /**
     * The target rows a batch can match lie between its earliest and latest window start ({@code range}). Saying so
     * as literals lets Delta skip, by its file statistics, every file of older windows, so a MERGE reads the recent
     * part of the table instead of all of it, however long the table has grown.
     */
    private static Column targetWithin(Row range) {
        Column start = Columns.col("t", Columns.WINDOW_START);
        return start.geq(functions.lit(range.get(0))).and(start.leq(functions.lit(range.get(1))));
    }

    private Column matchCondition() {
        return keyColumns.stream()
                .map(k -> Columns.col("t", k).eqNullSafe(Columns.col("s", k)))
                .reduce(Column::and)
                .orElseThrow();
    }
}
