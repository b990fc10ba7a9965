package io.streamgate.aggregator.refine;

import io.streamgate.aggregator.job.JobSpec;
import io.streamgate.aggregator.sql.Columns;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

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

    private final JobSpec job;
    private final RecordParser parser;

    public Refiner(JobSpec job, SparkSession spark) {
        this.job = job;
        this.parser = new RecordParser(job, spark);
    }

    public Dataset<Row> refine(Dataset<Row> kafka) {
        Dataset<Row> parsed = parser.parse(kafka);
        Dataset<Row> clean = parsed.filter(col(Columns.REASON).isNull())
                .drop(Columns.REASON, Columns.RAW_KEY, Columns.RAW_VALUE)
                .withWatermark(Columns.EVENT_TIME, job.watermarkDelay().toMillis() + " milliseconds");
        String[] key = job.dedupKey().toArray(String[]::new);
        // static data (tests, backfills) holds every record at once: a plain dropDuplicates is the same thing
        Dataset<Row> events = clean.isStreaming() ? clean.dropDuplicatesWithinWatermark(key) : clean.dropDuplicates(key);
        if (job.needsCounterDeltas()) {
            events = new CounterDeltas(job).apply(events);
        }
        Dataset<Row> rejected = parsed.filter(col(Columns.REASON).isNotNull()).select(col(Columns.REASON),
                col(Columns.KAFKA_TOPIC), col(Columns.KAFKA_PARTITION), col(Columns.KAFKA_OFFSET), col(Columns.RAW_KEY),
                col(Columns.RAW_VALUE), col(JobSpec.CE_ID));
        return events.unionByName(rejected, true);
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
