package io.streamgate.bench.spark;

import io.delta.tables.DeltaTable;
import io.streamgate.aggregator.sink.DeltaWrites;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;

/**
 * Baseline (w) of benchmark 4: the writes that issue #12's design asks of every micro-batch, and nothing else. It
 * parses each record once (the mta-turnstile CSV row, its event time in New York), appends the rows to an
 * {@code events} table partitioned by event date, and MERGEs the batch's hourly partial sums (the mta-turnstile
 * job's group-by and measures) into a {@code windows} table, each write an idempotent Delta transaction keyed by
 * the query id and batch id. No validation, quarantine, duplicate lookup, ledger or outputs: what the job does
 * beyond these writes is the difference between its rate and this one, and this one's share of (k)'s bounds the
 * job's share from above.
 *
 * <p>It reads the topic with the aggregator's own {@code KafkaSource}, and everything that made the job's writes
 * cheaper is here too: the batch cached once, uncompressed; one file open per event date rather than a sort;
 * min/max statistics of {@code events} for the columns the job filters it on only; the MERGE bounded to the batch's
 * window range and reading its persisted partials without Delta's copy of them.
 *
 * <pre>
 * java @spark-java17.options \
 *      -cp bench-spark-baseline.jar:spark-aggregator/target/classes:$(cat spark-aggregator/target/runtime.classpath) \
 *      io.streamgate.bench.spark.KafkaToEventsAndWindows --master local[2] --bootstrap-servers HOST:PORT --topic T \
 *      --lake DIR --checkpoint DIR --trigger PT5S
 * </pre>
 */
public final class KafkaToEventsAndWindows {

    private static final List<String> FIELDS = List.of("C/A", "UNIT", "SCP", "STATION", "LINENAME", "DIVISION", "DATE",
            "TIME", "DESC", "ENTRIES", "EXITS");
    private static final List<String> GROUP_BY = List.of("C/A", "UNIT", "SCP", "STATION", "LINENAME", "DIVISION",
            "DATE", "DESC");
    private static final List<String> MEASURES = List.of("entries", "exits", "readings");

    private KafkaToEventsAndWindows() {
    }

    public static void main(String[] args) throws Exception {
        Options opts = new Options(args);
        // and StreamingSessions' settings for the writes
        SparkSession spark = Baselines.session("streamgate-bench-writes", opts, SparkSession.builder()
                .config("spark.sql.inMemoryColumnarStorage.compressed", "false")
                .config("spark.sql.maxConcurrentOutputFileWriters", "64")
                .config("parquet.enable.dictionary#offset", "false"));
        String lake = opts.required("--lake");
        String events = lake + "/events";
        String windows = lake + "/windows";

        Dataset<Row> rows = parse(Baselines.kafka(spark, opts));
        DeltaWrites.ensureTable(spark, events, rows.schema(),
                Map.of("delta.dataSkippingStatsColumns", "event_time,topic,partition,offset"), "event_date");
        DeltaWrites.ensureTable(spark, windows, partials(rows).schema(), Map.of(), null);
        StreamingQuery query = rows.writeStream().queryName("writes")
                .option("checkpointLocation", opts.required("--checkpoint"))
                .trigger(Trigger.ProcessingTime(Duration.parse(opts.get("--trigger", "PT5S")).toMillis()))
                .foreachBatch((Dataset<Row> batch, Long batchId) -> write(batch, batchId, events, windows))
                .start();
        query.awaitTermination();
    }

    /**
     * Kafka records to rows: the CSV fields (split on commas, as the job splits a row without quotes), the event time
     * (New York wall time) and date, the Kafka position.
     */
    private static Dataset<Row> parse(Dataset<Row> kafka) {
        Column cells = functions.split(col("value").cast("string"), ",", -1);
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < FIELDS.size(); i++) {
            String field = FIELDS.get(i);
            Column cell = cells.getItem(i);
            columns.add((field.equals("ENTRIES") || field.equals("EXITS") ? cell.cast(DataTypes.LongType) : cell)
                    .as(field));
        }
        columns.addAll(List.of(col("topic"), col("partition"), col("offset")));
        Column eventTime = functions.to_utc_timestamp(functions.to_timestamp(functions.concat_ws(" ", col("DATE"),
                col("TIME")), "MM/dd/yyyy HH:mm:ss"), "America/New_York");
        return kafka.select(columns.toArray(new Column[0]))
                .withColumn("event_time", eventTime)
                .withColumn("event_date", functions.to_date(col("event_time")));
    }

    /** The hourly partial sums of rows, in the shape of the windows table. */
    private static Dataset<Row> partials(Dataset<Row> rows) {
        List<Column> keys = new ArrayList<>();
        GROUP_BY.forEach(k -> keys.add(col(k)));
        keys.add(functions.window(col("event_time"), "1 hour").as("w"));
        List<Column> out = new ArrayList<>();
        GROUP_BY.forEach(k -> out.add(col(k)));
        out.add(col("w.start").as("window_start"));
        out.add(col("w.end").as("window_end"));
        MEASURES.forEach(m -> out.add(col(m)));
        return rows.groupBy(keys.toArray(new Column[0]))
                .agg(functions.sum("ENTRIES").as("entries"), functions.sum("EXITS").as("exits"),
                        functions.count(functions.lit(1)).as("readings"))
                .select(out.toArray(new Column[0]));
    }

    private static void write(Dataset<Row> batch, long batchId, String events, String windows) {
        SparkSession spark = batch.sparkSession();
        String appId = spark.sparkContext().getLocalProperty("sql.streaming.queryId");
        batch.persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> partials = partials(batch).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Row range = partials.agg(functions.min("window_start"), functions.max("window_start")).first();
            if (!range.isNullAt(0)) {
                merge(spark, partials, range, windows, appId, batchId);
            }
            batch.write().format("delta").mode("append").option("txnAppId", appId).option("txnVersion", batchId)
                    .save(events);
        } finally {
            partials.unpersist();
            batch.unpersist();
        }
    }

    private static void merge(SparkSession spark, Dataset<Row> partials, Row range, String windows, String appId,
                              long batchId) {
        Map<String, String> settings = Map.of("spark.databricks.delta.write.txnAppId", appId,
                "spark.databricks.delta.write.txnVersion", Long.toString(batchId),
                "spark.databricks.delta.merge.materializeSource", "none");
        settings.forEach(spark.conf()::set);
        try {
            Column match = col("t.window_start").between(functions.lit(range.get(0)), functions.lit(range.get(1)));
            for (String key : GROUP_BY) {
                match = match.and(col("t.`" + key + "`").eqNullSafe(col("s.`" + key + "`")));
            }
            match = match.and(col("t.window_start").equalTo(col("s.window_start")));
            Map<String, String> add = new LinkedHashMap<>();
            MEASURES.forEach(m -> add.put(m, "t." + m + " + s." + m));
            DeltaTable.forPath(spark, windows).as("t").merge(partials.as("s"), match)
                    .whenMatched().updateExpr(add).whenNotMatched().insertAll().execute();
        } finally {
            settings.keySet().forEach(spark.conf()::unset);
        }
    }
}
