package io.streamgate.aggregator.aggregate;

import io.streamgate.aggregator.job.JobSpec;
import io.streamgate.aggregator.lake.LakePaths;
import io.streamgate.aggregator.sink.DeltaWrites;
import io.streamgate.aggregator.sink.KafkaWindowPublisher;
import io.streamgate.aggregator.sink.WarehouseSink;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.storage.StorageLevel;

import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * Starts the aggregate query of a job: the {@code events} table as a stream, windowed in update mode, each batch's
 * changed windows merged into {@code windows} (then published to Kafka when the job asks for it, and upserted into
 * the warehouse when one is configured: a crash between the MERGE and these leaves the batch uncommitted, and its
 * replay skips the MERGE by its Delta transaction id and the warehouse write by its ledger).
 */
public final class AggregateQuery {

    private AggregateQuery() {
    }

    public static StreamingQuery start(JobSpec job, SparkSession spark, LakePaths paths, Trigger trigger,
                                       Optional<String> bootstrapServers, Optional<String> warehouseUrl)
            throws TimeoutException {
        WindowAggregation aggregation = new WindowAggregation(job);
        Dataset<Row> windows = aggregation.apply(spark.readStream().format("delta").load(paths.events()));
        DeltaWrites.ensureTable(spark, paths.windows(), windows.schema());
        WindowMerge merge = new WindowMerge(paths.windows(), aggregation.keyColumns());
        Optional<KafkaWindowPublisher> publisher = Optional.ofNullable(job.sinks().kafka()).map(k ->
                new KafkaWindowPublisher(bootstrapServers.orElseThrow(), k.topic(), aggregation.keyColumns()));
        Optional<WarehouseSink> warehouse = warehouseUrl.map(url ->
                new WarehouseSink(url, job.name(), job.warehouseTable(), aggregation.keyColumns()));
        VoidFunction2<Dataset<Row>, Long> writer = (changed, batchId) -> {
            String appId = changed.sparkSession().sparkContext().getLocalProperty("sql.streaming.queryId");
            changed.persist(StorageLevel.MEMORY_AND_DISK());
            try {
                if (merge.merge(changed, appId, batchId)) {
                    publisher.ifPresent(p -> p.publish(changed));
                    warehouse.ifPresent(w -> w.write(batchId, changed));
                }
            } finally {
                changed.unpersist();
            }
        };
        return windows.writeStream()
                .queryName(job.name() + "-aggregate")
                .option("checkpointLocation", paths.checkpoint("aggregate"))
                .outputMode("update")
                .trigger(trigger)
                .foreachBatch(writer)
                .start();
    }
}
