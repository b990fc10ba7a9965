package io.streamgate.bench.spark;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.apache.spark.sql.streaming.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Baseline of benchmark 4: the least any Spark job does with the aggregator's input. It reads the topic with the
 * same Kafka source options as the aggregator's {@code KafkaSource} (committed records, headers, one task per core)
 * and appends every record as it came (key, value, headers, topic, partition, offset, timestamp) to one Delta
 * table, on the same master, trigger and local-run settings as {@code AggregatorMain}. The job's rate over this one
 * is what its own work costs: parsing, validation, quarantine, deduplication, aggregation and the MERGE.
 *
 * <p>Logs one line per micro-batch in the aggregator's own format ({@code query baseline batch N: R rows, ...
 * M ms, watermark ...}) so that the benchmark reads both the same way.
 *
 * <pre>
 * java @spark-java17.options -cp bench-spark-baseline.jar:$(cat spark-aggregator/target/runtime.classpath) \
 *      io.streamgate.bench.spark.KafkaToDeltaAppend --master local[2] --bootstrap-servers HOST:PORT --topic T \
 *      --table DIR --checkpoint DIR --trigger PT5S
 * </pre>
 */
public final class KafkaToDeltaAppend {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaToDeltaAppend.class);

    private KafkaToDeltaAppend() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i], args[i + 1]);
        }
        SparkSession spark = SparkSession.builder().appName("streamgate-bench-baseline")
                .master(opts.getOrDefault("--master", "local[2]"))
                // as AggregatorMain with a local master
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                .config("spark.sql.shuffle.partitions", "4")
                .config("spark.databricks.delta.snapshotPartitions", "2")
                .getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        Configurator.setLevel(KafkaToDeltaAppend.class.getName(), Level.INFO);
        spark.streams().addListener(new ProgressLog());
        StreamingQuery query = spark.readStream().format("kafka")
                .option("kafka.bootstrap.servers", required(opts, "--bootstrap-servers"))
                .option("subscribe", required(opts, "--topic"))
                .option("startingOffsets", "earliest")
                .option("kafka.isolation.level", "read_committed")
                .option("failOnDataLoss", "true")
                .option("includeHeaders", "true")
                .option("minPartitions", String.valueOf(spark.sparkContext().defaultParallelism()))
                .load()
                .writeStream().queryName("baseline").format("delta").outputMode("append")
                .option("checkpointLocation", required(opts, "--checkpoint"))
                .trigger(Trigger.ProcessingTime(Duration.parse(opts.getOrDefault("--trigger", "PT5S")).toMillis()))
                .start(required(opts, "--table"));
        query.awaitTermination();
    }

    private static String required(Map<String, String> opts, String option) {
        String value = opts.get(option);
        if (value == null) {
            throw new IllegalArgumentException(option + ": required");
        }
        return value;
    }

    private static final class ProgressLog extends StreamingQueryListener {

        @Override
        public void onQueryStarted(QueryStartedEvent event) {
            LOG.info("query {} started (id {})", event.name(), event.id());
        }

        @Override
        public void onQueryProgress(QueryProgressEvent event) {
            StreamingQueryProgress p = event.progress();
            LOG.info("query {} batch {}: {} rows, {} rows/s in, {} rows/s processed, {} ms, watermark {}",
                    p.name(), p.batchId(), p.numInputRows(), Math.round(p.inputRowsPerSecond()),
                    Math.round(p.processedRowsPerSecond()), p.durationMs().get("triggerExecution"),
                    p.eventTime().get("watermark"));
        }

        @Override
        public void onQueryTerminated(QueryTerminatedEvent event) {
            if (event.exception().isDefined()) {
                LOG.error("query {} failed: {}", event.id(), event.exception().get());
            }
        }
    }
}
