package io.streamgate.aggregator.sink;

import io.streamgate.aggregator.aggregate.WindowPartials;
import io.streamgate.aggregator.job.JobSpec;
import io.streamgate.aggregator.lake.LakePaths;
import io.streamgate.aggregator.sql.Columns;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static io.streamgate.aggregator.sql.Columns.col;

/**
 * The optional outputs of a batch besides the lake tables, from the {@code windows} table as the batch left it
 * (so a replayed batch sends and writes the same): the changed windows' current totals to a Kafka topic, and the
 * windows closed by the watermark as files, one folder per batch ({@code export/<format>/batch=<id>}) written
 * whole with overwrite and {@code _SUCCESS} last, so a loader that takes folders with {@code _SUCCESS} never sees
 * half a batch or one twice. A window changed after it closed (a late row within the horizon) is exported again
 * with its new totals in the batch that changed it. The changed windows' totals are also upserted into the
 * warehouse when one is configured; its ledger, not the batch's replay, keeps that write once.
 */
public final class WindowOutputs {

    private final JobSpec job;
    private final LakePaths paths;
    private final List<String> keyColumns;
    private final Column[] visible;
    private final Optional<KafkaWindowPublisher> publisher;
    private final Optional<WarehouseSink> warehouse;

    public WindowOutputs(JobSpec job, LakePaths paths, String bootstrapServers, String warehouseUrl) {
        this.job = job;
        this.paths = paths;
        WindowPartials partials = new WindowPartials(job);
        this.keyColumns = partials.keyColumns();
        this.visible = Columns.cols(partials.visibleColumns());
        this.publisher = Optional.ofNullable(job.sinks().kafka()).map(k ->
                new KafkaWindowPublisher(bootstrapServers, k.topic(), keyColumns));
        this.warehouse = Optional.ofNullable(warehouseUrl).map(url ->
                new WarehouseSink(url, job.name(), job.warehouseTable(), keyColumns));
    }

    public boolean publishes() {
        return publisher.isPresent();
    }

    public boolean warehouses() {
        return warehouse.isPresent();
    }

    public boolean exports() {
        return job.sinks().export() != null;
    }

    /** The current totals of the windows a batch's partials touched ({@code range}: their min and max start). */
    public void publishChanged(SparkSession spark, Dataset<Row> partials, Row range) {
        publisher.ifPresent(p -> p.publish(changed(spark, partials, range)));
    }

    /** Upserts the current totals of the windows a batch touched into the warehouse, once per batch id. */
    public void upsertChanged(SparkSession spark, Dataset<Row> partials, Row range, long batchId) {
        warehouse.ifPresent(w -> w.write(batchId, changed(spark, partials, range)));
    }

    /**
     * Makes the live topic, if there is one, hold the whole {@code windows} table and no other window (after a
     * rebuild, whose windows may be keyed by other bounds or columns than the ones published before).
     */
    public void republish(SparkSession spark) {
        publisher.ifPresent(p -> p.replace(spark, table(spark).select(visible)));
    }

    /** Replaces the warehouse table, if there is one, by the whole {@code windows} table (after a spec change). */
    public void replaceWarehouse(SparkSession spark) {
        warehouse.ifPresent(w -> w.replace(table(spark).select(visible)));
    }

    private Dataset<Row> changed(SparkSession spark, Dataset<Row> partials, Row range) {
        return windows(spark, range).join(partials.select(Columns.cols(keyColumns)), Columns.names(keyColumns),
                "left_semi").select(visible);
    }

    /**
     * Exports the windows that closed in this batch (end between the old and the new closing time, the high-water
     * marks less the watermark delay) and the closed ones it changed.
     */
    public void exportClosed(SparkSession spark, Dataset<Row> partials, Timestamp highWaterBefore,
                             Timestamp highWaterAfter, long batchId) {
        if (highWaterAfter == null) {
            return;
        }
        Timestamp closesAfter = minus(highWaterAfter, job.watermarkDelay());
        Column closed = col(Columns.WINDOW_END).leq(functions.lit(closesAfter));
        Column newlyClosed = highWaterBefore == null ? closed
                : closed.and(col(Columns.WINDOW_END).gt(functions.lit(minus(highWaterBefore, job.watermarkDelay()))));
        Dataset<Row> all = table(spark);
        Dataset<Row> changedClosed = partials.filter(closed).select(Columns.cols(keyColumns));
        Dataset<Row> export = all.filter(newlyClosed).select(visible).unionByName(all.filter(closed)
                .join(changedClosed, Columns.names(keyColumns), "left_semi")
                .select(visible)).distinct();
        write(export, "batch=" + batchId);
    }

    /**
     * After {@code windows} was rebuilt under a new spec (Delta version {@code version}): every closed window, whole,
     * in a folder {@code rebuild=<version>} of each format. A loader replaces what it holds of the job by it: the
     * windows it had may not exist under the new spec.
     */
    public void exportRebuilt(SparkSession spark, long version) {
        if (!exports()) {
            return;
        }
        Row newest = spark.read().format("delta").load(paths.events()).agg(functions.max(col(Columns.EVENT_TIME))).first();
        if (newest.isNullAt(0)) {
            return;
        }
        Column closed = col(Columns.WINDOW_END).leq(functions.lit(minus(newest.getTimestamp(0), job.watermarkDelay())));
        write(table(spark).filter(closed).select(visible), "rebuild=" + version);
    }

    private void write(Dataset<Row> export, String folder) {
        if (export.isEmpty()) {
            return;
        }
        for (String format : job.sinks().export().formats()) {
            var writer = export.coalesce(1).write().mode("overwrite").format(format);
            if (format.equals("csv")) {
                writer = writer.option("header", "true").option("compression", "gzip");
            }
            writer.save(paths.export(format) + "/" + folder);
        }
    }

    /** The {@code windows} table as it is now. */
    private Dataset<Row> table(SparkSession spark) {
        return spark.read().format("delta").load(paths.windows());
    }

    private Dataset<Row> windows(SparkSession spark, Row range) {
        Column start = col(Columns.WINDOW_START);
        return table(spark)
                .filter(start.geq(functions.lit(range.get(0))).and(start.leq(functions.lit(range.get(1)))));
    }

    private static Timestamp minus(Timestamp time, Duration duration) {
        return new Timestamp(time.getTime() - duration.toMillis());
    }
}
