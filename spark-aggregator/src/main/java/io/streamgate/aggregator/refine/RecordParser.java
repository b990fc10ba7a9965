package io.streamgate.aggregator.refine;

import io.streamgate.aggregator.job.InputSpec;
import io.streamgate.aggregator.job.JobSpec;
import io.streamgate.aggregator.sql.Columns;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.streamgate.aggregator.sql.Columns.col;
import static org.apache.spark.sql.functions.lit;

/**
 * Kafka records (the Kafka source's columns, headers included) to typed fields plus the reason a record is
 * unusable ({@link Columns#REASON}, null when it is fine). Pure Dataset transform: works on streams and static data.
 *
 * <p>A csv job reads each record by its {@code content-type} header, as the record contract carries it: a CSV row
 * by the job's columns, a JSON object ({@code application/json}, {@code application/*+json}) by the same names as
 * keys. So one topic may hold rows from CSV batches and objects from webhooks of the same data.
 */
public final class RecordParser {

    private static final String CSV = "_csv";
    private static final String CORRUPT = "_corrupt";
    private static final String JSON_RECORD = "_json_record";

    private final JobSpec job;
    private final LookupJoin lookups;

    public RecordParser(JobSpec job, SparkSession spark) {
        this.job = job;
        this.lookups = new LookupJoin(job.lookups(), spark);
    }

    public Dataset<Row> parse(Dataset<Row> kafka) {
        Dataset<Row> raw = kafka.select(rawColumns().toArray(Column[]::new));
        Dataset<Row> typed = raw.select(typedColumns(raw).toArray(Column[]::new));
        Dataset<Row> enriched = lookups.join(typed);
        Column reason = new Validation(job).reason(eventTimeText());
        return enriched.withColumn(Columns.REASON, reason)
                .drop(rawFieldNames().toArray(String[]::new))
                .drop(CSV, JSON_RECORD);
    }

    private List<Column> rawColumns() {
        InputSpec input = job.input();
        Column value = functions.col("value").cast(DataTypes.StringType);
        List<Column> columns = new ArrayList<>(List.of(
                value.as(Columns.RAW_VALUE),
                functions.col("key").cast(DataTypes.StringType).as(Columns.RAW_KEY),
                functions.col("topic").as(Columns.KAFKA_TOPIC),
                functions.col("partition").as(Columns.KAFKA_PARTITION),
                functions.col("offset").as(Columns.KAFKA_OFFSET)));
        InputSpec.HEADER_FIELDS.forEach(h -> columns.add(header(h).as(h)));
        if (input.isCsv()) {
            StructType schema = new StructType();
            for (String c : input.columns()) {
                schema = schema.add(c, DataTypes.StringType);
            }
            schema = schema.add(CORRUPT, DataTypes.StringType);
            Column parsed = functions.from_csv(value, lit(schema.toDDL()),
                    Map.of("mode", "PERMISSIVE", "columnNameOfCorruptRecord", CORRUPT));
            columns.add(parsed.as(CSV));
            Column json = functions.coalesce(functions.lower(header("content-type"))
                    .rlike("^application/([a-z0-9.+-]+\\+)?json\\s*(;.*)?$"), lit(false));
            columns.add(json.as(JSON_RECORD));
            input.columns().forEach(c -> columns.add(functions.when(json, functions.get_json_object(value, jsonPath(c)))
                    .otherwise(functions.col(CSV).getField(c)).as(rawName(c))));
        } else {
            input.fields().forEach((name, path) -> columns.add(functions.get_json_object(value, path).as(rawName(name))));
        }
        return columns;
    }

    private List<Column> typedColumns(Dataset<Row> raw) {
        List<Column> columns = new ArrayList<>();
        for (String c : raw.columns()) {
            columns.add(col(c));
        }
        for (String field : job.input().fieldNames()) {
            Column text = functions.trim(col(rawName(field)));
            String type = job.input().typeOf(field);
            columns.add((type.equals("string") ? text : text.cast(type)).as(field));
        }
        columns.add(EventTimes.parse(job.eventTime(), eventTimeText()).as(Columns.EVENT_TIME));
        return columns;
    }

    /** The text the event time is parsed from: the event-time fields, raw, joined by one space. */
    private Column eventTimeText() {
        return functions.concat_ws(" ", job.eventTime().fields().stream()
                .map(f -> col(job.input().fieldNames().contains(f) ? rawName(f) : f)).toArray(Column[]::new));
    }

    private List<String> rawFieldNames() {
        return job.input().fieldNames().stream().map(RecordParser::rawName).toList();
    }

    static String rawName(String field) {
        return "_raw_" + field;
    }

    /** Whether a csv job's record is a JSON object by its content type (else it is a CSV row). */
    static Column jsonRecord() {
        return functions.col(JSON_RECORD);
    }

    static Column corruptCsv() {
        return functions.not(jsonRecord()).and(functions.col(CSV).getField(CORRUPT).isNotNull());
    }

    /** A JSON path to the top-level key {@code name}, which may hold '/' or '.' ({@code C/A}). */
    private static String jsonPath(String name) {
        return "$['" + name + "']";
    }

    private static Column header(String name) {
        Column matching = functions.filter(functions.col("headers"), h -> h.getField("key").equalTo(lit(name)));
        return matching.getItem(0).getField("value").cast(DataTypes.StringType);
    }
}
