package io.streamgate.aggregator.refine;

import io.streamgate.aggregator.lake.LakePaths;
import io.streamgate.aggregator.metrics.MetricsRegistry;
import io.streamgate.aggregator.sink.DeltaWrites;
import io.streamgate.aggregator.sql.Columns;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
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
            Dataset<Row> events = Refiner.events(batch);
            Dataset<Row> rejected = Refiner.rejected(batch);
            long eventCount = events.count();
            long rejectedCount = rejected.count();
            if (eventCount > 0) {
                DeltaWrites.append(events, paths.events(), appId, batchId);
            }
            if (rejectedCount > 0) {
                DeltaWrites.append(rejected, paths.quarantine(), appId, batchId);
            }
            metrics.count("streamgate_events_written_total", "job", job, eventCount);
            metrics.count("streamgate_quarantined_rows_total", "job", job, rejectedCount);
            if (counterDeltas) {
                metrics.count("streamgate_counter_deltas_dropped_total", "job", job,
                        events.filter(col(Columns.COUNTER_NOTE).isNotNull()).count());
            }
        } finally {
            batch.unpersist();
        }
    }
}
