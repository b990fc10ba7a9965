package io.streamgate.aggregator.sink;

import io.streamgate.aggregator.aggregate.WindowAggregation;
import io.streamgate.aggregator.job.JobSpec;
import io.streamgate.aggregator.lake.LakePaths;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamWriter;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Files of closed windows for loaders that expect files: the same aggregation in append mode (a window is written
 * once, when the watermark has passed its end) to Spark's file sink, which commits each batch's files exactly once
 * through its {@code _spark_metadata} log. CSV is gzip-compressed, with a header row.
 */
public final class ClosedWindowExport {

    private ClosedWindowExport() {
    }

    public static List<StreamingQuery> start(JobSpec job, SparkSession spark, LakePaths paths, Trigger trigger)
            throws TimeoutException {
        List<StreamingQuery> queries = new ArrayList<>();
        if (job.sinks().export() == null) {
            return queries;
        }
        for (String format : job.sinks().export().formats()) {
            Dataset<Row> closed = new WindowAggregation(job).apply(spark.readStream().format("delta").load(paths.events()));
            DataStreamWriter<Row> writer = closed.writeStream()
                    .queryName(job.name() + "-export-" + format)
                    .format(format)
                    .outputMode("append")
                    .trigger(trigger)
                    .option("path", paths.export(format))
                    .option("checkpointLocation", paths.checkpoint("export-" + format));
            if (format.equals("csv")) {
                writer = writer.option("header", "true").option("compression", "gzip");
            }
            queries.add(writer.start());
        }
        return queries;
    }
}
