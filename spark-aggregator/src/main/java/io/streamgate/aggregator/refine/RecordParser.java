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
    private static final String CELLS = "_cells";

    private final JobSpec job;
    private final LookupJoin lookups;

    public RecordParser(JobSpec job, SparkSession spark) {
        this.job = job;
        this.lookups = new LookupJoin(job.lookups(), spark);
    }

    public Dataset<Row> parse(Dataset<Row> kafka) {
        Dataset<Row> record = kafka.select(recordColumns().toArray(Column[]::new));
        Dataset<Row> raw = record.select(withRawFields(record).toArray(Column[]::new));
        Dataset<Row> typed = raw.select(typedColumns(raw).toArray(Column[]::new));
        Dataset<Row> enriched = lookups.join(typed);
        Column reason = new Validation(job).reason(eventTimeText());
        // The record's text is kept for quarantine only: a batch caches its parsed rows and reads them several times,
        // and the text of every clean row (its largest field) was copied into the cache and never read from it.
        Column rejected = col(Columns.REASON).isNotNull();
        return enriched.withColumn(Columns.REASON, reason)
                .withColumn(Columns.RAW_VALUE, functions.when(rejected, col(Columns.RAW_VALUE)))
                .withColumn(Columns.RAW_KEY, functions.when(rejected, col(Columns.RAW_KEY)))
                .drop(rawFieldNames().toArray(String[]::new))
                .drop(CSV, CELLS, JSON_RECORD);
    }

    /**
     * The record as text plus what is read from it once per record: the Kafka coordinates, the CloudEvents
     * headers and, for a csv job, whether the value is JSON and the parsed CSV row where that needs a CSV parser.
     */
    private List<Column> recordColumns() {
        Column value = functions.col("value").cast(DataTypes.StringType);
        List<Column> columns = new ArrayList<>(List.of(
                value.as(Columns.RAW_VALUE),
                functions.col("key").cast(DataTypes.StringType).as(Columns.RAW_KEY),
                functions.col("topic").as(Columns.KAFKA_TOPIC),
                functions.col("partition").as(Columns.KAFKA_PARTITION),
                functions.col("offset").as(Columns.KAFKA_OFFSET)));
        InputSpec.HEADER_FIELDS.forEach(h -> columns.add(header(h).as(h)));
        if (job.input().isCsv()) {
            Column json = functions.coalesce(functions.lower(header("content-type"))
                    .rlike("^application/([a-z0-9.+-]+\\+)?json\\s*(;.*)?$"), lit(false));
            columns.add(json.as(JSON_RECORD));
            // Only a row with a quote needs the RFC 4180 parser; splitting on commas gives the same cells for the
            // rest at a fraction of the cost.
            Column quoted = functions.instr(value, "\"").gt(0);
            columns.add(functions.when(functions.not(json).and(quoted), functions.from_csv(value,
                    lit(csvSchema().toDDL()), Map.of("mode", "PERMISSIVE", "columnNameOfCorruptRecord", CORRUPT,
                    // RFC 4180: a quote inside a quoted field is doubled (Spark's default escape is a backslash)
                    "escape", "\"")))
                    .as(CSV));
        }
        return columns;
    }

    /** Adds the raw text of every input field ({@link #rawName}), untrimmed and untyped. */
    private List<Column> withRawFields(Dataset<Row> record) {
        List<Column> columns = new ArrayList<>();
        for (String c : record.columns()) {
            columns.add(col(c));
        }
        InputSpec input = job.input();
        Column value = col(Columns.RAW_VALUE);
        if (input.isCsv()) {
            Column parsed = col(CSV);
            Column[] parsedCells = input.columns().stream().map(parsed::getField).toArray(Column[]::new);
            Column cells = functions.when(jsonRecord(), lit(null))
                    .when(parsed.isNull(), functions.split(value, ",", -1))
                    .when(parsed.getField(CORRUPT).isNull(), functions.array(parsedCells));
            columns.add(cells.as(CELLS));
            for (int i = 0; i < input.columns().size(); i++) {
                String c = input.columns().get(i);
                // an empty cell is a missing value, whichever way the row was split
                Column cell = functions.element_at(col(CELLS), i + 1);
                cell = functions.when(cell.notEqual(lit("")), cell);
                columns.add(functions.when(jsonRecord(), functions.get_json_object(value, jsonPath(c)))
                        .otherwise(cell).as(rawName(c)));
            }
        } else {
            input.fields().forEach((name, path) -> columns.add(functions.get_json_object(value, path).as(rawName(name))));
        }
        return columns;
    }

    private StructType csvSchema() {
        StructType schema = new StructType();
        for (String c : job.input().columns()) {
            schema = schema.add(c, DataTypes.StringType);
        }
        return schema.add(CORRUPT, DataTypes.StringType);
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

    /** Whether a csv job's CSV row could not be split into exactly {@code columns} cells. */
    static Column corruptCsv(int columns) {
        return functions.not(jsonRecord()).and(functions.coalesce(
                functions.size(functions.col(CELLS)).notEqual(lit(columns)), lit(true)));
    }

    /** A JSON path to the top-level key {@code name}, which may hold '/' or '.' ({@code C/A}). */
    private static String jsonPath(String name) {
        return "$['" + name + "']";
    }

    /**
     * The first Kafka header of that name, as text. {@code array_position} over the header keys is compiled code;
     * a {@code filter} lambda per header (what this was) is interpreted, per record and per header.
     */
    private static Column header(String name) {
        Column position = functions.array_position(functions.col("headers.key"), name).cast(DataTypes.IntegerType);
        return functions.when(position.gt(0), functions.element_at(functions.col("headers.value"), position))
                .cast(DataTypes.StringType);
    }
}
