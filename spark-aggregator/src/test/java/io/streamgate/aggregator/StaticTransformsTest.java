package io.streamgate.aggregator;

import io.streamgate.aggregator.batch.Acceptance;
import io.streamgate.aggregator.job.JobLoader;
import io.streamgate.aggregator.job.JobSpec;
import io.streamgate.aggregator.refine.Refiner;
import io.streamgate.aggregator.sql.Columns;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.sql.Timestamp;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The parse and batch transforms on static data: parsing, validation, time formats, measures, dedup, counters. */
class StaticTransformsTest {

    private static final String READINGS_JOB = """
            name: readings
            input:
              topics: [t]
              format: json
              fields: {sensor: $.sensor, ts: $.ts, reading: $.m.value}
              types: {reading: "decimal(10,2)"}
            event-time: {fields: [ts], formats: [%s], zone: %s}
            group-by: [sensor]
            measures:
              - {name: total, function: sum, field: reading}
              - {name: n, function: count}
              - {name: lowest, function: min, field: reading}
              - {name: highest, function: max, field: reading}
              - {name: mean, function: avg, field: reading}
            window: {length: PT1H, slide: PT30M}
            watermark: PT1H
            trigger: PT1S
            """;

    private final SparkSession spark = SharedSpark.session();

    @Test
    void everyMeasureOverSlidingWindows() {
        JobSpec job = readingsJob("iso-8601", "UTC");
        Dataset<Row> kafka = new StaticKafka().addAll(List.of(
                "{\"sensor\":\"a\",\"ts\":\"2024-05-01T10:10:00Z\",\"m\":{\"value\":1.50}}",
                "{\"sensor\":\"a\",\"ts\":\"2024-05-01T10:20:00Z\",\"m\":{\"value\":4}}",
                "{\"sensor\":\"a\",\"ts\":\"2024-05-01T10:40:00Z\",\"m\":{\"value\":-2.25}}",
                "{\"sensor\":\"b\",\"ts\":\"2024-05-01T10:05:00+02:00\",\"m\":{\"value\":7}}")).toDataset(spark);

        List<String> windows = windows(job, kafka, "sensor", "total", "n", "lowest", "highest", "mean");

        assertThat(windows).containsExactly(
                "2024-05-01T07:30:00Z b 7.00 1 7.00 7.00 7.000000",
                "2024-05-01T08:00:00Z b 7.00 1 7.00 7.00 7.000000",
                "2024-05-01T09:30:00Z a 5.50 2 1.50 4.00 2.750000",
                "2024-05-01T10:00:00Z a 3.25 3 -2.25 4.00 1.083333",
                "2024-05-01T10:30:00Z a -2.25 1 -2.25 -2.25 -2.250000");
    }

    @Test
    void localWindowsFollowTheZonesWallClockAcrossBothDstChanges() {
        JobSpec job = new JobLoader().parse("readings.yaml", READINGS_JOB.formatted("iso-8601", "America/New_York")
                .replace("window: {length: PT1H, slide: PT30M}", "window: {length: PT4H, align: local}"));
        Dataset<Row> kafka = new StaticKafka().addAll(List.of(
                "{\"sensor\":\"a\",\"ts\":\"2024-03-10T01:30:00-05:00\",\"m\":{\"value\":1}}",  // before spring-forward
                "{\"sensor\":\"a\",\"ts\":\"2024-03-10T05:00:00-04:00\",\"m\":{\"value\":1}}",
                "{\"sensor\":\"a\",\"ts\":\"2024-11-03T00:30:00-04:00\",\"m\":{\"value\":1}}",
                "{\"sensor\":\"a\",\"ts\":\"2024-11-03T01:30:00-04:00\",\"m\":{\"value\":1}}",  // the first 01:30
                "{\"sensor\":\"a\",\"ts\":\"2024-11-03T01:30:00-05:00\",\"m\":{\"value\":1}}",  // the second
                "{\"sensor\":\"a\",\"ts\":\"2024-11-03T03:30:00-05:00\",\"m\":{\"value\":1}}",
                "{\"sensor\":\"a\",\"ts\":\"2024-11-03T04:00:00-05:00\",\"m\":{\"value\":1}}")).toDataset(spark);

        // local 00:00-04:00 lasts 3 hours on the spring-forward day and 5 on the fall-back day
        assertThat(windows(job, kafka, "window_start_local", "window_end_local", "n")).containsExactly(
                "2024-03-10T05:00:00Z 2024-03-10T00:00:00 2024-03-10T04:00:00 1",
                "2024-03-10T08:00:00Z 2024-03-10T04:00:00 2024-03-10T08:00:00 1",
                "2024-11-03T04:00:00Z 2024-11-03T00:00:00 2024-11-03T04:00:00 4",
                "2024-11-03T09:00:00Z 2024-11-03T04:00:00 2024-11-03T08:00:00 1");
        assertThat(StaticBatch.windows(spark, job, kafka).filter("window_start_local = '2024-11-03T00:00:00'")
                .first().<Timestamp>getAs("window_end").toInstant()).hasToString("2024-11-03T09:00:00Z");
    }

    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource(delimiter = '|', value = {
            "yyyy-MM-dd HH:mm:ss    | America/New_York | 2024-01-15 10:00:00       | 2024-01-15T15:00:00Z",
            "yyyy-MM-dd HH:mm:ss    | America/New_York | 2024-07-15 10:00:00       | 2024-07-15T14:00:00Z",
            "MM/dd/yyyy HH:mm:ss    | Europe/Berlin    | 07/15/2024 10:00:00       | 2024-07-15T08:00:00Z",
            "MM-dd-yy HH:mm:ss      | UTC              | 07-15-24 10:00:00         | 2024-07-15T10:00:00Z",
            "iso-8601               | America/New_York | 2024-07-15T10:00:00-04:00 | 2024-07-15T14:00:00Z",
            "iso-8601               | UTC              | 2024-07-15T10:00:00.250Z  | 2024-07-15T10:00:00.250Z",
            "epoch-millis           | UTC              | 1721037600250             | 2024-07-15T10:00:00.250Z",
            "epoch-seconds          | UTC              | 1721037600                | 2024-07-15T10:00:00Z",
    })
    void eachTimeFormatYieldsTheInstant(String format, String zone, String text, String instant) {
        JobSpec job = readingsJob(format.contains(" ") ? "\"" + format + "\"" : format, zone);
        Dataset<Row> kafka = new StaticKafka()
                .add("1", "{\"sensor\":\"a\",\"ts\":\"" + text + "\",\"m\":{\"value\":1}}").toDataset(spark);

        Row event = Refiner.events(new Refiner(job, spark).refine(kafka)).first();

        assertThat(event.<Timestamp>getAs("event_time").toInstant()).hasToString(instant);
    }

    @Test
    void mtaDatesInBothFormatsAreNewYorkLocalTime() {
        JobSpec job = new JobLoader().bundled("mta-turnstile");
        Dataset<Row> kafka = new StaticKafka().addAll(List.of(
                "A002,R051,02-00-00,59 ST,NQR456W,BMT,01/15/2020,03:00:00,REGULAR,1,1",
                "A002,R051,02-00-00,59 ST,NQR456W,BMT,07-15-20,03:00:00,REGULAR,1,1")).toDataset(spark);

        List<Row> events = Refiner.events(new Refiner(job, spark).refine(kafka)).orderBy("event_time").collectAsList();

        assertThat(events).extracting(r -> r.<Timestamp>getAs("event_time").toInstant().toString())
                .containsExactly("2020-01-15T08:00:00Z", "2020-07-15T07:00:00Z");
    }

    @Test
    void badRecordsAreQuarantinedWithTheirReasonAndPosition() {
        JobSpec job = new JobLoader().bundled("mta-turnstile");
        Dataset<Row> kafka = new StaticKafka()
                .add("1", "A002,R051,02-00-00,59 ST,NQR456W,BMT,03/21/2020,00:00:00,REGULAR,1,2")
                .add("2", "A002,R051,02-00-00,59 ST,NQR456W,BMT,03/21/2020,00:00:00,REGULAR")
                .add("3", "A002,R051,02-00-00,59 ST,NQR456W,BMT,03/21/2020,04:00:00,REGULAR,lots,2")
                .add("4", "A002,R051,02-00-00,59 ST,NQR456W,BMT,2020-03-21,08:00:00,REGULAR,1,2")
                .add("5", "A002,,02-00-00,59 ST,NQR456W,BMT,03/21/2020,12:00:00,REGULAR,1,2")
                .add("6", "")
                .toDataset(spark);

        Dataset<Row> refined = new Refiner(job, spark).refine(kafka);
        List<String> rejected = Refiner.rejected(refined).orderBy("kafka_offset").collectAsList().stream()
                .map(r -> r.getAs("kafka_topic") + "/" + r.getAs("kafka_partition") + "/" + r.getAs("kafka_offset")
                        + " " + r.getAs("reason")).toList();

        assertThat(Refiner.events(refined).count()).isEqualTo(1);
        assertThat(rejected).containsExactly(
                "static/0/1 malformed CSV row: expected 11 columns [C/A, UNIT, SCP, STATION, LINENAME, DIVISION, DATE, TIME, DESC, ENTRIES, EXITS]",
                "static/0/2 field ENTRIES is not a long: 'lots'",
                "static/0/3 event time '2020-03-21 08:00:00' matches none of [MM/dd/yyyy HH:mm:ss, MM-dd-yy HH:mm:ss]",
                "static/0/4 missing field UNIT",
                "static/0/5 empty value");
    }

    @Test
    void quotedCsvRowsReadLikePlainOnesAndMayHoldCommasAndQuotes() {
        JobSpec job = new JobLoader().bundled("mta-turnstile");
        Dataset<Row> kafka = new StaticKafka()
                .add("1", "A002,R051,02-00-00,59 ST,NQR456W,BMT,03/21/2020,00:00:00,REGULAR,1,2")
                .add("2", "\"A002\",R051,02-00-01,\"59 ST, \"\"EAST\"\"\",NQR456W,BMT,03/21/2020,00:00:00,REGULAR,3,4")
                .add("3", "A002,R051,02-00-02,,NQR456W,BMT,03/21/2020,00:00:00,REGULAR,5,6")
                .add("4", "\"A002\",R051,02-00-03,59 ST,NQR456W,BMT,03/21/2020,00:00:00,REGULAR,7")
                .add("5", "\"A002\",R051,02-00-04,\"\",NQR456W,BMT,03/21/2020,00:00:00,REGULAR,9,10")
                .toDataset(spark);

        Dataset<Row> refined = new Refiner(job, spark).refine(kafka);
        List<String> events = Refiner.events(refined).orderBy("SCP").collectAsList().stream()
                .map(r -> r.getAs("C/A") + "|" + r.getAs("SCP") + "|" + r.getAs("STATION") + "|" + r.getAs("ENTRIES"))
                .toList();

        assertThat(events).containsExactly("A002|02-00-00|59 ST|1", "A002|02-00-01|59 ST, \"EAST\"|3");
        // an empty cell is a missing value whether or not the row needed the quote-aware parser
        assertThat(Refiner.rejected(refined).orderBy("kafka_offset").select("reason").collectAsList())
                .extracting(r -> r.getString(0)).containsExactly("missing field STATION",
                        "malformed CSV row: expected 11 columns [C/A, UNIT, SCP, STATION, LINENAME, "
                        + "DIVISION, DATE, TIME, DESC, ENTRIES, EXITS]", "missing field STATION");
    }

    @Test
    void onlyRejectedRecordsKeepTheirText() {
        Dataset<Row> refined = oneCleanOneRejected();

        // the batch caches these rows: a clean one's text would be copied there and never read
        assertThat(refined.orderBy(Columns.KAFKA_OFFSET).select(Columns.REASON, Columns.RAW_VALUE).collectAsList())
                .extracting(r -> r.isNullAt(0) + " " + r.getString(1))
                .containsExactly("true null", "false not a row");
        assertThat(Refiner.rejected(refined).select("value").first().getString(0)).isEqualTo("not a row");
    }

    @Test
    void everyRecordIsReadOnceForBothEventsAndQuarantine() {
        Dataset<Row> refined = oneCleanOneRejected();

        // one leaf: the records are scanned, and parsed, once; two would mean a branch per table
        assertThat(refined.queryExecution().optimizedPlan().collectLeaves().size()).isEqualTo(1);
        assertThat(Refiner.events(refined).count()).isEqualTo(1);
        assertThat(Refiner.rejected(refined).count()).isEqualTo(1);
    }

    @Test
    void taxiRecordsWithoutCeIdOrKnownZoneOrJsonAreQuarantined() {
        JobSpec job = new JobLoader().bundled("nyc-taxi");
        String trip = "{\"tpep_pickup_datetime\":\"2024-01-01 00:10:00\",\"PULocationID\":%s,\"passenger_count\":1,"
                + "\"trip_distance\":1.2,\"fare_amount\":9.5,\"total_amount\":12.0}";
        Dataset<Row> kafka = new StaticKafka()
                .add("t1", trip.formatted(132))
                .add(null, trip.formatted(132))
                .add("t3", trip.formatted(999))
                .add("t4", "not json")
                .toDataset(spark);

        Dataset<Row> refined = new Refiner(job, spark).refine(kafka);

        assertThat(Refiner.events(refined).select("pickup_borough").collectAsList()).extracting(r -> r.getString(0))
                .containsExactly("Queens");
        assertThat(Refiner.rejected(refined).orderBy("kafka_offset").select("reason").collectAsList())
                .extracting(r -> r.getString(0))
                .containsExactly("missing field ce_id", "PULocationID '999' not found in taxi_zone_lookup.csv",
                        "value is not a JSON object");
    }

    @Test
    void duplicatesByBusinessKeyAreDroppedWhateverTheirCeId() {
        JobSpec job = new JobLoader().bundled("mta-turnstile");
        String row = "A002,R051,02-00-00,59 ST,NQR456W,BMT,03/21/2020,00:00:00,REGULAR,1,2";
        Dataset<Row> kafka = new StaticKafka().add("retry-1", row).add("retry-2", row).add("retry-1", row).toDataset(spark);

        assertThat(StaticBatch.accepted(spark, job, kafka).count()).isEqualTo(1);
    }

    @Test
    void duplicatesAgainstEventsAndWithinTheBatchButNotAnEarlierAttemptOfIt() {
        JobSpec job = new JobLoader().bundled("mta-turnstile");
        String reading = "A002,R051,02-00-00,59 ST,NQR456W,BMT,03/21/2020,%s,REGULAR,1,2";
        String a = reading.formatted("00:00:00");
        String b = reading.formatted("04:00:00");
        String c = reading.formatted("08:00:00");
        String d = reading.formatted("12:00:00");
        Refiner refiner = new Refiner(job, spark);
        // events holds a at offset 0 and b at offset 1, as an earlier batch (a) and an earlier attempt of this one (b)
        Dataset<Row> events = Refiner.events(refiner.refine(new StaticKafka().add("e0", a).add("e1", b)
                .toDataset(spark)));
        Dataset<Row> batch = Refiner.events(refiner.refine(new StaticKafka()
                .add("0", c).add("1", b).add("2", a).add("3", d).add("4", d).add("5", a).toDataset(spark)));

        Dataset<Row> decided = new Acceptance(job).decide(batch, null, events,
                List.of(java.sql.Date.valueOf("2020-03-21")));

        assertThat(decided.orderBy(Columns.KAFKA_OFFSET).select(Acceptance.STATUS).collectAsList())
                .extracting(r -> r.getString(0)).containsExactly(
                        Acceptance.ACCEPTED, Acceptance.ACCEPTED, Acceptance.DUPLICATE, Acceptance.ACCEPTED,
                        Acceptance.DUPLICATE, Acceptance.DUPLICATE);
    }

    @Test
    void counterDeltasDropResetsJumpsAndGaps() {
        JobSpec job = new JobLoader().bundled("mta-turnstile-registers");
        String turnstile = "A002,R051,02-00-00,59 ST,NQR456W,BMT,";
        String other = "A002,R051,02-00-01,59 ST,NQR456W,BMT,";
        Dataset<Row> kafka = new StaticKafka().addAll(List.of(
                turnstile + "03/21/2020,08:00:00,REGULAR,1100,520",   // out of order: sorted by event time
                turnstile + "03/21/2020,00:00:00,REGULAR,1000,500",   // first reading: baseline only
                turnstile + "03/21/2020,04:00:00,REGULAR,1040,510",   // +40 +10
                turnstile + "03/21/2020,12:00:00,REGULAR,5,530",      // ENTRIES reset: negative
                turnstile + "03/21/2020,16:00:00,REGULAR,25,99999",   // +20, EXITS absurd jump
                turnstile + "03/23/2020,16:00:00,REGULAR,45,100010",  // 48h gap: both dropped
                other + "03/21/2020,00:00:00,REGULAR,7,7",
                other + "03/21/2020,04:00:00,REGULAR,9,8"))
                .toDataset(spark);

        List<String> windows = windows(job, kafka, "SCP", "entries", "exits");
        // New York local 00:00 EDT is 04:00Z; 4-hour windows in UTC
        assertThat(windows).containsExactly(
                "2020-03-21T04:00:00Z 02-00-00 null null", "2020-03-21T04:00:00Z 02-00-01 null null",
                "2020-03-21T08:00:00Z 02-00-00 40 10", "2020-03-21T08:00:00Z 02-00-01 2 1",
                "2020-03-21T12:00:00Z 02-00-00 60 10", "2020-03-21T16:00:00Z 02-00-00 null 10",
                "2020-03-21T20:00:00Z 02-00-00 20 null", "2020-03-23T20:00:00Z 02-00-00 null null");
    }

    /** A clean mta-turnstile row at offset 0 and a malformed one at offset 1, parsed. */
    private Dataset<Row> oneCleanOneRejected() {
        JobSpec job = new JobLoader().bundled("mta-turnstile");
        return new Refiner(job, spark).refine(new StaticKafka()
                .add("1", "A002,R051,02-00-00,59 ST,NQR456W,BMT,03/21/2020,00:00:00,REGULAR,1,2")
                .add("2", "not a row")
                .toDataset(spark));
    }

    private List<String> windows(JobSpec job, Dataset<Row> kafka, String... columns) {
        return StaticBatch.windows(spark, job, kafka).orderBy("window_start", columns[0]).collectAsList().stream()
                .map(r -> {
                    StringBuilder text = new StringBuilder(r.<Timestamp>getAs("window_start").toInstant().toString());
                    for (String c : columns) {
                        text.append(' ').append((Object) r.getAs(c));
                    }
                    return text.toString();
                }).toList();
    }

    private static JobSpec readingsJob(String format, String zone) {
        return new JobLoader().parse("readings.yaml", READINGS_JOB.formatted(format, zone));
    }
}
