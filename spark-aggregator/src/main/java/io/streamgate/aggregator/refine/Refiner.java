package io.streamgate.aggregator.refine;

import io.streamgate.aggregator.job.JobSpec;
import io.streamgate.aggregator.sql.Columns;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

import static io.streamgate.aggregator.sql.Columns.col;

/**
 * The parse step of a job: Kafka records in, one row per record out with its typed fields, event time and, for a
 * record that cannot be used, the reason ({@link Columns#REASON}). Stateless: deduplication, lateness and counter
 * differences are decided per micro-batch against the lake ({@code batch} package), so they do not depend on the
 * order or the batches in which records arrive.
 */
public final class Refiner {

    private final RecordParser parser;

    public Refiner(JobSpec job, SparkSession spark) {
        this.parser = new RecordParser(job, spark);
    }

    public Dataset<Row> refine(Dataset<Row> kafka) {
        return parser.parse(kafka);
    }

    /** The clean-event columns of a refined Dataset (the {@code events} table schema, partitioned by event date). */
    public static Dataset<Row> events(Dataset<Row> refined) {
        return refined.filter(col(Columns.REASON).isNull()).drop(Columns.REASON, Columns.RAW_KEY, Columns.RAW_VALUE)
                .withColumn(Columns.EVENT_DATE, eventDate());
    }

    /** A row's {@link Columns#EVENT_DATE}, the {@code events} table's partition: its event time's date. */
    public static Column eventDate() {
        return functions.to_date(col(Columns.EVENT_TIME));
    }

    /** The rejected records of a refined Dataset (the {@code quarantine} table schema). */
    public static Dataset<Row> rejected(Dataset<Row> refined) {
        return refined.filter(col(Columns.REASON).isNotNull()).select(
                col(Columns.REASON).as("reason"), col(Columns.KAFKA_TOPIC), col(Columns.KAFKA_PARTITION),
                col(Columns.KAFKA_OFFSET), col(Columns.RAW_KEY).as("key"), col(Columns.RAW_VALUE).as("value"),
                col(JobSpec.CE_ID));
    }
}
