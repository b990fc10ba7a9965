package io.streamgate.aggregator.aggregate;

import io.delta.tables.DeltaTable;
import io.streamgate.aggregator.sink.DeltaWrites;
import io.streamgate.aggregator.sql.Columns;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

import java.util.List;
import java.util.Map;

/**
 * Adds one micro-batch's partial aggregates to the Delta {@code windows} table: a new window is inserted, an
 * existing one gets the partial added ({@link MeasureColumns#mergeAssignments}). Adding is only right once per
 * batch, so the MERGE is an idempotent Delta transaction (app id = the query's id, version = the batch id): a
 * batch replayed after a crash that had already merged is skipped by Delta.
 */
public final class WindowMerge {

    /**
     * The MERGE reads its source twice (to find the files it touches, then to write), and Delta copies a source that
     * is not a Delta table to local disk first (its "auto" setting), lest the two reads see different rows. The
     * partials are persisted by the batch ({@code BatchPlan}), so both reads see the same rows without that copy,
     * which took 13-24 % of the MERGE of a catch-up batch here (bench/README.md). A persisted block that is lost is
     * recomputed from the batch's own persisted rows and, for duplicates, from {@code events}, which the batch
     * writes only after this MERGE.
     */
    private static final Map<String, String> UNCOPIED_SOURCE = Map.of("spark.databricks.delta.merge.materializeSource",
            "none");

    private final String path;
    private final List<String> keyColumns;
    private final MeasureColumns measures;

    public WindowMerge(String path, WindowPartials partials) {
        this.path = path;
        this.keyColumns = partials.keyColumns();
        this.measures = partials.measures();
    }

    /** Merges the batch's partials (persisted), whose window starts lie in {@code range} (min, max). */
    public void merge(Dataset<Row> partials, Row range, String appId, long batchId) {
        DeltaWrites.inTransaction(partials.sparkSession(), path, appId, batchId, UNCOPIED_SOURCE, () ->
                DeltaTable.forPath(partials.sparkSession(), path).as("t")
                        .merge(partials.as("s"), matchCondition().and(targetWithin(range)))
                        .whenMatched().updateExpr(measures.mergeAssignments())
                        .whenNotMatched().insertAll()
                        .execute());
    }

    /**
     * The target rows a batch can match lie between its earliest and latest window start ({@code range}). Saying so
     * as literals lets Delta skip, by its file statistics, every file of other windows, so a MERGE reads the part of
     * the table it touches instead of all of it, however long the table has grown.
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
