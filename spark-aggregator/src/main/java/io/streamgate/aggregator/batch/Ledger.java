package io.streamgate.aggregator.batch;

import io.streamgate.aggregator.sink.DeltaWrites;
import io.streamgate.aggregator.sql.Columns;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.sql.Timestamp;
import java.util.List;
import java.util.Map;

import static io.streamgate.aggregator.sql.Columns.col;

/**
 * The late-data ledger, {@code <lake>/<job>/ledger}: one row per micro-batch with what it read and what it left
 * out (late rows beyond the horizon, duplicates), a sample of each, the newest accepted event time so far (the
 * high-water mark the next batch's cut-off derives from) and the Kafka offsets it read up to. Written last of the
 * batch's Delta writes, so a ledger row means the batch's tables are complete.
 */
public final class Ledger {

    public static final StructType SCHEMA = new StructType()
            .add("query_id", DataTypes.StringType)
            .add("batch_id", DataTypes.LongType)
            .add("high_water", DataTypes.TimestampType)
            .add("cutoff", DataTypes.TimestampType)
            .add("input_rows", DataTypes.LongType)
            .add("events", DataTypes.LongType)
            .add("quarantined", DataTypes.LongType)
            .add("late", DataTypes.LongType)
            .add("duplicates", DataTypes.LongType)
            .add("late_sample", DataTypes.createArrayType(DataTypes.StringType))
            .add("duplicate_sample", DataTypes.createArrayType(DataTypes.StringType))
            .add("end_offsets", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType));
    static final int SAMPLE = 5;

    /** The counts of one batch. */
    record Entry(String queryId, long batchId, Timestamp highWater, Timestamp cutoff, long inputRows, long events,
                 long quarantined, long late, long duplicates, List<String> lateSample, List<String> duplicateSample,
                 Map<String, Long> endOffsets) {
    }

    private final String path;

    public Ledger(String path) {
        this.path = path;
    }

    /**
     * The high-water mark before batch {@code batchId} of query {@code queryId}: the newest over every earlier
     * ledger row (including those of earlier queries on the same tables); null when there is none.
     */
    Timestamp highWaterBefore(SparkSession spark, String queryId, long batchId) {
        Column sameOrLater = col("query_id").equalTo(queryId).and(col("batch_id").geq(batchId));
        Row max = read(spark).filter(functions.not(sameOrLater)).agg(functions.max("high_water")).first();
        return max.isNullAt(0) ? null : max.getTimestamp(0);
    }

    void append(SparkSession spark, Entry e, String appId) {
        Row row = RowFactory.create(e.queryId(), e.batchId(), e.highWater(), e.cutoff(), e.inputRows(), e.events(),
                e.quarantined(), e.late(), e.duplicates(), e.lateSample(), e.duplicateSample(), e.endOffsets());
        DeltaWrites.append(spark.createDataFrame(List.of(row), SCHEMA), path, appId, e.batchId());
    }

    Dataset<Row> read(SparkSession spark) {
        return spark.read().format("delta").load(path);
    }

    /** Up to {@link #SAMPLE} rows as JSON, first by Kafka position (the same sample on a replay). */
    static List<String> sample(Dataset<Row> rows) {
        return rows.orderBy(Columns.KAFKA_TOPIC, Columns.KAFKA_PARTITION, Columns.KAFKA_OFFSET).limit(SAMPLE)
                .select(functions.to_json(functions.struct(functions.col("*")))).collectAsList().stream()
                .map(r -> r.getString(0)).toList();
    }
}
