package io.streamgate.aggregator;

import io.streamgate.aggregator.job.JobSpec;
import io.streamgate.aggregator.metrics.MetricsRegistry;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thousands of generated MTA rows, sent in three rounds with duplicates (new ce_ids), rows held back into the next
 * round (late, inside the horizon), rows older than the horizon and malformed rows mixed in: the streamed
 * {@code windows} table equals a plain batch aggregation of the clean rows.
 */
class MtaOracleTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final LocalDateTime START = LocalDateTime.of(2020, 3, 21, 0, 0);
    private static final int TURNSTILES = 48;
    private static final int READINGS = 96;                  // every 30 minutes for 48 hours
    private static final int ROUNDS = 3;
    private static final List<String> GROUP = List.of("C/A", "UNIT", "SCP", "STATION", "LINENAME", "DIVISION", "DATE", "DESC");

    private record Reading(String[] fields, LocalDateTime time, long entries, long exits) {
        String csv() {
            return String.join(",", fields[0], fields[1], fields[2], fields[3], fields[4], fields[5], fields[6],
                    time.format(DateTimeFormatter.ofPattern("HH:mm:ss")), fields[7], Long.toString(entries),
                    Long.toString(exits));
        }
    }

    @TempDir
    Path dir;

    @Test
    void streamedWindowsEqualABatchAggregationOfTheCleanRows() throws Exception {
        SparkSession spark = SharedSpark.session();
        Random random = new Random(42);
        List<List<String>> rounds = new ArrayList<>();
        for (int r = 0; r < ROUNDS; r++) {
            rounds.add(new ArrayList<>());
        }
        List<Reading> clean = new ArrayList<>();
        for (int t = 0; t < TURNSTILES; t++) {
            for (int j = 0; j < READINGS; j++) {
                Reading reading = reading(t, START.plusMinutes(30L * j), random);
                clean.add(reading);
                int round = j * ROUNDS / READINGS;
                boolean heldBack = round + 1 < ROUNDS && random.nextInt(100) < 5;
                rounds.get(heldBack ? round + 1 : round).add(reading.csv());
                if (random.nextInt(100) < 5) {                                   // a retry, same or next round
                    rounds.get(Math.min(ROUNDS - 1, round + random.nextInt(2))).add(reading.csv());
                }
            }
        }
        List<String> beyondWatermark = new ArrayList<>();
        for (int i = 0; i < 20; i++) {                                           // a day older than anything else
            beyondWatermark.add(reading(i, START.minusHours(22).plusMinutes(15 + 6L * i), random).csv());
        }
        rounds.get(ROUNDS - 1).addAll(beyondWatermark);
        List<String> malformed = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            malformed.add(switch (i % 3) {
                case 0 -> "A001,R001,02-00-00,ST 0,NQR,BMT,03/21/2020,00:00:00,REGULAR";
                case 1 -> "A001,R001,02-00-00,ST 0,NQR,BMT,03/21/2020,00:00:00,REGULAR,many,1";
                default -> "A001,R001,02-00-00,ST 0,NQR,BMT,21.03.2020,00:00:00,REGULAR,1,1";
            });
        }
        for (int i = 0; i < malformed.size(); i++) {
            rounds.get(i % ROUNDS).add(malformed.get(i));
        }
        rounds.forEach(round -> Collections.shuffle(round, random));

        String topic = TestKafka.topic("mta-oracle", 2);
        JobSpec job = TestJobs.bundled("mta-turnstile", topic, "name: mta-turnstile", "name: mta-oracle",
                "watermark: PT4H", "watermark: PT4H\nhorizon: PT48H");
        JobPipeline pipeline = JobPipeline.start(spark, job, TestJobs.settings(dir), new MetricsRegistry());
        try (TestKafka kafka = new TestKafka()) {
            for (List<String> round : rounds) {
                kafka.sendCsv(topic, round);
                pipeline.processAllAvailable();
            }
        } finally {
            pipeline.stop();
        }

        assertThat(clean).hasSizeGreaterThan(4000);
        assertThat(LakeTables.table(spark, dir, "mta-oracle", "events").count()).isEqualTo(clean.size());
        assertThat(LakeTables.table(spark, dir, "mta-oracle", "quarantine").count()).isEqualTo(malformed.size());
        assertThat(LakeTables.table(spark, dir, "mta-oracle", "ledger").agg(functions.sum("late")).first().getLong(0))
                .as("rows beyond the horizon, in the ledger").isEqualTo(beyondWatermark.size());
        List<String> expected = LakeTables.lines(oracle(spark, clean));
        assertThat(LakeTables.lines(LakeTables.table(spark, dir, "mta-oracle", "windows"))).isEqualTo(expected);
    }

    private static Reading reading(int turnstile, LocalDateTime time, Random random) {
        int station = turnstile / 4;
        String date = time.format(DateTimeFormatter.ofPattern(time.getHour() % 3 == 0 ? "MM-dd-yy" : "MM/dd/yyyy"));
        String[] fields = {"A%03d".formatted(station), "R%03d".formatted(station), "02-00-%02d".formatted(turnstile % 4),
                "ST " + station, "NQR456W", "BMT", date, "REGULAR"};
        return new Reading(fields, time, random.nextInt(200), random.nextInt(150));
    }

    /** The same aggregation as a plain batch job over the clean rows, times converted by java.time. */
    private static Dataset<Row> oracle(SparkSession spark, List<Reading> readings) {
        StructType schema = new StructType();
        for (String column : GROUP) {
            schema = schema.add(column, DataTypes.StringType);
        }
        schema = schema.add("ts", DataTypes.TimestampType).add("ENTRIES", DataTypes.LongType).add("EXITS", DataTypes.LongType);
        List<Row> rows = readings.stream().map(r -> RowFactory.create(r.fields()[0], r.fields()[1], r.fields()[2],
                r.fields()[3], r.fields()[4], r.fields()[5], r.fields()[6], r.fields()[7],
                Timestamp.from(r.time().atZone(NEW_YORK).toInstant()), r.entries(), r.exits())).toList();
        List<org.apache.spark.sql.Column> keys = new ArrayList<>(List.of(functions.window(col("ts"), "1 hour").as("w")));
        GROUP.forEach(g -> keys.add(col("`" + g + "`")));
        List<org.apache.spark.sql.Column> output = new ArrayList<>(List.of(col("w.start"), col("w.end")));
        GROUP.forEach(g -> output.add(col("`" + g + "`")));
        output.addAll(List.of(col("entries"), col("exits"), col("readings")));
        return spark.createDataFrame(rows, schema)
                .groupBy(keys.toArray(org.apache.spark.sql.Column[]::new))
                .agg(functions.sum("ENTRIES").as("entries"), functions.sum("EXITS").as("exits"),
                        functions.count(functions.lit(1)).as("readings"))
                .select(output.toArray(org.apache.spark.sql.Column[]::new));
    }
}
