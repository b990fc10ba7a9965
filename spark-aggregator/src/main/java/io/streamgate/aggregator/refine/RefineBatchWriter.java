package io.streamgate.aggregator.refine;

import io.streamgate.aggregator.lake.LakePaths;
import io.streamgate.aggregator.metrics.MetricsRegistry;
import io.streamgate.aggregator.sink.DeltaWrites;
import io.streamgate.aggregator.sql.Columns;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;

import static io.streamgate.aggregator.sql.Columns.col;

/**
 * Writes one refined micro-batch: clean events to {@code events}, rejected records to {@code quarantine}, both as
 * idempotent Delta appends keyed by the batch id. The batch is persisted so the Kafka read and the state updates
 * happen once for both tables.
 */
final class RefineBatchWriter implements VoidFunction2<Dataset<Row>, Long> {

    private final String job;
    private final LakePaths paths;
    private final boolean counterDeltas;
    private final MetricsRegistry metrics;

    RefineBatchWriter(String job, LakePaths paths, boolean counterDeltas, MetricsRegistry metrics) {
        this.job = job;
        this.paths = paths;
        this.counterDeltas = counterDeltas;
        this.metrics = metrics;
    }

    @Override
    public void call(Dataset<Row> batch, Long batchId) {
        String appId = batch.sparkSession().sparkContext().getLocalProperty("sql.streaming.queryId");
        batch.persist(StorageLevel.MEMORY_AND_DISK());
        try {
            // one job counts all three, instead of one job per count on a micro-batch that may hold one row
            Column clean = col(Columns.REASON).isNull();
            Row counts = batch.agg(functions.count(functions.when(clean, 1)),
                    functions.count(functions.when(functions.not(clean), 1)),
                    counterDeltas ? functions.count(col(Columns.COUNTER_NOTE)) : functions.lit(0L)).first();
            long eventCount = counts.getLong(0);
            long rejectedCount = counts.getLong(1);
            if (eventCount > 0) {
                DeltaWrites.append(Refiner.events(batch), paths.events(), appId, batchId);
            }
            if (rejectedCount > 0) {
                DeltaWrites.append(Refiner.rejected(batch), paths.quarantine(), appId, batchId);
            }
            metrics.count("streamgate_events_written_total", "job", job, eventCount);
            metrics.count("streamgate_quarantined_rows_total", "job", job, rejectedCount);
            if (counterDeltas) {
                metrics.count("streamgate_counter_deltas_dropped_total", "job", job, counts.getLong(2));
            }
        } finally {
            batch.unpersist();
        }
    }
}
