package io.streamgate.aggregator;

import io.streamgate.aggregator.batch.BatchWriter;
import io.streamgate.aggregator.batch.Contributions;
import io.streamgate.aggregator.batch.Ledger;
import io.streamgate.aggregator.batch.Recovery;
import io.streamgate.aggregator.evolve.SpecEvolution;
import io.streamgate.aggregator.job.JobSpec;
import io.streamgate.aggregator.lake.CheckpointConf;
import io.streamgate.aggregator.lake.LakePaths;
import io.streamgate.aggregator.lake.TableOwnership;
import io.streamgate.aggregator.metrics.MetricsRegistry;
import io.streamgate.aggregator.refine.Refiner;
import io.streamgate.aggregator.sink.DeltaWrites;
import io.streamgate.aggregator.sink.WindowOutputs;
import io.streamgate.aggregator.source.KafkaSource;
import io.streamgate.aggregator.sql.Columns;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The one streaming query of a job: Kafka ({@code read_committed}) → parse and validate once → {@code foreachBatch}
 * ({@link BatchWriter}), which decides lateness and duplicates against the lake, appends {@code events},
 * {@code quarantine} and the {@code ledger}, and MERGEs the batch's partial aggregates into {@code windows}. No
 * streaming state: what a batch needs of the past is in the tables.
 */
public final class JobPipeline {

    private final StreamingQuery query;

    private JobPipeline(StreamingQuery query) {
        this.query = query;
    }

    public static JobPipeline start(SparkSession spark, JobSpec job, AggregatorSettings settings,
                                    MetricsRegistry metrics) throws TimeoutException {
        return start(spark, job, settings, metrics, (write, batch) -> { }, null);
    }

    /**
     * Starts the query on {@code source} (records shaped like the Kafka source's rows; null: the job's topics, from
     * the starting offsets the settings and the lake decide), calling {@code hook} after each write of a batch.
     */
    public static JobPipeline start(SparkSession spark, JobSpec job, AggregatorSettings settings,
                                    MetricsRegistry metrics, BatchWriter.Hook hook, Dataset<Row> source)
            throws TimeoutException {
        LakePaths paths = new LakePaths(settings.lake(), settings.checkpoints(), job.name());
        TableOwnership ownership = new TableOwnership(job, paths);
        CheckpointConf.requireShufflePartitions(spark, paths.checkpoint("query"), job.name());
        String startingOffsets = settings.startingOffsets();
        boolean foreign = ownership.owner(spark).isPresent()
                && !ownership.owner(spark).equals(ownership.checkpointQuery(spark));
        if (settings.recover() == null) {
            ownership.refuseForeignCheckpoint(spark);
        }
        Function<Dataset<Row>, Dataset<Row>> parse = new Refiner(job, spark)::refine;
        Function<String, Dataset<Row>> read = offsets -> parse.apply(source != null ? source
                : KafkaSource.read(spark, settings.bootstrapServers(), job.input().topics(), offsets));
        // before a recovery, which recomputes windows by the spec the tables then follow
        WindowOutputs outputs = new WindowOutputs(job, paths, settings.bootstrapServers(), settings.warehouseUrl());
        new SpecEvolution(job, paths, ownership, outputs).apply(spark, settings.evolve(),
                Refiner.events(read.apply(startingOffsets)).schema());
        if (foreign) {
            startingOffsets = new Recovery(job, paths, ownership).recover(spark, settings.recover(),
                    settings.bootstrapServers());
        }
        Dataset<Row> records = read.apply(startingOffsets);
        ensureTables(spark, job, paths, ownership, records);
        long triggerMs = (settings.triggerOverride() != null ? settings.triggerOverride() : job.triggerInterval()).toMillis();
        BatchWriter writer = new BatchWriter(job, paths, metrics, outputs, ownership, hook);
        return new JobPipeline(records.writeStream()
                .queryName(job.name())
                .option("checkpointLocation", paths.checkpoint("query"))
                .trigger(Trigger.ProcessingTime(triggerMs))
                .foreachBatch(writer)
                .start());
    }

    private static void ensureTables(SparkSession spark, JobSpec job, LakePaths paths, TableOwnership ownership,
                                     Dataset<Row> records) {
        Map<String, String> properties = ownership.properties();
        Dataset<Row> events = Refiner.events(records);
        DeltaWrites.ensureTable(spark, paths.events(), events.schema(), statsOn(properties, Columns.EVENT_TIME,
                Columns.KAFKA_TOPIC, Columns.KAFKA_PARTITION, Columns.KAFKA_OFFSET), Columns.EVENT_DATE);
        DeltaWrites.ensureTable(spark, paths.quarantine(), Refiner.rejected(records).schema(), properties, null);
        Dataset<Row> none = spark.createDataFrame(java.util.List.of(), events.schema());
        DeltaWrites.ensureTable(spark, paths.windows(), Contributions.rebuild(job, none).schema(), properties, null);
        DeltaWrites.ensureTable(spark, paths.ledger(), Ledger.SCHEMA, properties, null);
    }

    /**
     * The properties plus the columns Delta keeps min/max statistics of in each file: those the job filters the
     * table on. By default Delta keeps them for the first 32 columns, which cost about 5 % of a batch's CPU in
     * {@code events} for statistics nothing reads ({@code windows} keeps them all: readers filter it by its
     * group-by fields). Set when a table is created: a table made before keeps its own setting.
     */
    private static Map<String, String> statsOn(Map<String, String> properties, String... columns) {
        Map<String, String> with = new LinkedHashMap<>(properties);
        with.put("delta.dataSkippingStatsColumns", String.join(",", columns));
        return with;
    }

    /** Processes everything available now (for tests and drains). */
    public void processAllAvailable() {
        query.processAllAvailable();
    }

    public StreamingQuery query() {
        return query;
    }

    public void stop() throws TimeoutException {
        query.stop();
    }
}
