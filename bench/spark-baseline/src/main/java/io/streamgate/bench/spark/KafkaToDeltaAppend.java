package io.streamgate.bench.spark;

import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;

import java.time.Duration;

/**
 * Baseline (k) of benchmark 4: the least any Spark job does with the aggregator's input. It reads the topic with
 * the aggregator's own {@code KafkaSource} (committed records, headers, one task per core) and appends every record
 * as it came (key, value, headers, topic, partition, offset, timestamp) to one Delta table, on the same master,
 * trigger and local-run settings as {@code AggregatorMain}. The job's rate over this one is what its own work
 * costs: parsing, validation, quarantine, deduplication, aggregation and the MERGE.
 *
 * <p>Logs one line per micro-batch ({@link ProgressLog}).
 *
 * <pre>
 * java @spark-java17.options \
 *      -cp bench-spark-baseline.jar:spark-aggregator/target/classes:$(cat spark-aggregator/target/runtime.classpath) \
 *      io.streamgate.bench.spark.KafkaToDeltaAppend --master local[2] --bootstrap-servers HOST:PORT --topic T \
 *      --table DIR --checkpoint DIR --trigger PT5S
 * </pre>
 */
public final class KafkaToDeltaAppend {

    private KafkaToDeltaAppend() {
    }

    public static void main(String[] args) throws Exception {
        Options opts = new Options(args);
        SparkSession spark = Baselines.session("streamgate-bench-baseline", opts, SparkSession.builder());
        StreamingQuery query = Baselines.kafka(spark, opts)
                .writeStream().queryName("baseline").format("delta").outputMode("append")
                .option("checkpointLocation", opts.required("--checkpoint"))
                .trigger(Trigger.ProcessingTime(Duration.parse(opts.get("--trigger", "PT5S")).toMillis()))
                .start(opts.required("--table"));
        query.awaitTermination();
    }
}
