package io.streamgate.bench.spark;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import io.streamgate.aggregator.source.KafkaSource;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.List;

/** What every baseline of benchmark 4 shares with the aggregator: its local session and its Kafka source. */
final class Baselines {

    private Baselines() {
    }

    /**
     * A session with {@code AggregatorMain}'s settings for a local master, logging one line per micro-batch
     * ({@link ProgressLog}).
     */
    static SparkSession session(String appName, Options opts, SparkSession.Builder builder) {
        SparkSession spark = builder.appName(appName)
                .master(opts.get("--master", "local[2]"))
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                .config("spark.sql.shuffle.partitions", "4")
                .config("spark.databricks.delta.snapshotPartitions", "2")
                .getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        Configurator.setLevel(ProgressLog.class.getName(), Level.INFO);
        spark.streams().addListener(new ProgressLog());
        return spark;
    }

    /** The topic, read as the aggregator reads its topics. */
    static Dataset<Row> kafka(SparkSession spark, Options opts) {
        return KafkaSource.read(spark, opts.required("--bootstrap-servers"), List.of(opts.required("--topic")),
                "earliest");
    }
}
