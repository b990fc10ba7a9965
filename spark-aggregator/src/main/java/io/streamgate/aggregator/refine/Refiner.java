package io.streamgate.aggregator.refine;

import io.streamgate.aggregator.job.JobSpec;
import io.streamgate.aggregator.sql.Columns;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

import java.util.ArrayList;
import java.util.List;

import static io.streamgate.aggregator.sql.Columns.col;

/**
 * The refine transform: Kafka records in; clean events (deduplicated within the watermark, with counter
 * differences where a measure needs them) and rejected records ({@link Columns#REASON} set) out, in one Dataset
 * so that one query, one checkpoint and one batch id cover both tables.
 *
 * <p>Records later than the watermark are dropped by the deduplication (Spark counts them as
 * {@code numRowsDroppedByWatermark}): their windows are closed.
 */
public final class Refiner {

    /** Where a rejected record was read (topic/partition/offset): its own deduplication key. */
    static final String REJECTED_AT = "_rejected_at";

    private final JobSpec job;
    private final RecordParser parser;

    public Refiner(JobSpec job, SparkSession spark) {
        this.job = job;
        this.parser = new RecordParser(job, spark);
    }

    public Dataset<Row> refine(Dataset<Row> kafka) {
        Column rejectedRow = col(Columns.REASON).isNotNull();
        // One pass over the records: rejected ones go through the deduplication too, each under a key of its own
        // and without an event time (so they neither move the watermark nor count as late), and the batch writer
        // splits them off. Filtering them out here instead would make two branches, and Catalyst pushes each
        // branch's filter into the parse: every record would be read and parsed twice.
        Dataset<Row> records = parser.parse(kafka)
                .withColumn(REJECTED_AT, functions.when(rejectedRow, functions.concat_ws("/", col(Columns.KAFKA_TOPIC),
                        col(Columns.KAFKA_PARTITION), col(Columns.KAFKA_OFFSET))))
                .withColumn(Columns.EVENT_TIME, functions.when(functions.not(rejectedRow), col(Columns.EVENT_TIME)))
                .withColumn(Columns.RAW_VALUE, functions.when(rejectedRow, col(Columns.RAW_VALUE)))
                .withColumn(Columns.RAW_KEY, functions.when(rejectedRow, col(Columns.RAW_KEY)))
                .withWatermark(Columns.EVENT_TIME, job.watermarkDelay().toMillis() + " milliseconds");
        List<String> key = new ArrayList<>(job.dedupKey());
        key.add(REJECTED_AT);
        String[] keyColumns = key.toArray(String[]::new);
        // static data (tests, backfills) holds every record at once: a plain dropDuplicates is the same thing
        Dataset<Row> deduplicated = records.isStreaming() ? records.dropDuplicatesWithinWatermark(keyColumns)
                : records.dropDuplicates(keyColumns);
        if (job.needsCounterDeltas()) {
            deduplicated = new CounterDeltas(job).apply(deduplicated);
        }
        return deduplicated.drop(REJECTED_AT);
    }

    /** The clean-event columns of a refined Dataset (the {@code events} table schema). */
    public static Dataset<Row> events(Dataset<Row> refined) {
        return refined.filter(col(Columns.REASON).isNull()).drop(Columns.REASON, Columns.RAW_KEY, Columns.RAW_VALUE);
    }

    /** The rejected records of a refined Dataset (the {@code quarantine} table schema). */
    public static Dataset<Row> rejected(Dataset<Row> refined) {
        return refined.filter(col(Columns.REASON).isNotNull()).select(
                col(Columns.REASON).as("reason"), col(Columns.KAFKA_TOPIC), col(Columns.KAFKA_PARTITION),
                col(Columns.KAFKA_OFFSET), col(Columns.RAW_KEY).as("key"), col(Columns.RAW_VALUE).as("value"),
                col(JobSpec.CE_ID));
    }
}
