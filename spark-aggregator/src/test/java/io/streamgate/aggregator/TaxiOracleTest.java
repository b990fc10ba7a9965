package io.streamgate.aggregator;

import io.streamgate.aggregator.job.JobSpec;
import io.streamgate.aggregator.metrics.MetricsRegistry;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;

/** Generated taxi trips through Kafka: the hourly borough figures equal a batch computation of them. */
class TaxiOracleTest {

    private static final LocalDateTime START = LocalDateTime.of(2024, 1, 10, 6, 0);
    private static final DateTimeFormatter PICKUP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private record Trip(String id, LocalDateTime pickup, int zone, BigDecimal passengers, BigDecimal distance,
                        BigDecimal fare, BigDecimal total) {
        String json() {
            return "{\"VendorID\":2,\"tpep_pickup_datetime\":\"%s\",\"PULocationID\":%d,\"passenger_count\":%s,"
                    .formatted(pickup.format(PICKUP), zone, passengers)
                    + "\"trip_distance\":%s,\"fare_amount\":%s,\"total_amount\":%s}".formatted(distance, fare, total);
        }
    }

    @TempDir
    Path dir;

    @Test
    void hourlyBoroughFiguresEqualABatchComputation() throws Exception {
        SparkSession spark = SharedSpark.session();
        Random random = new Random(7);
        List<Trip> trips = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            trips.add(new Trip("trip-" + i, START.plusSeconds(random.nextInt(6 * 3600)), 1 + random.nextInt(265),
                    money(random.nextInt(7) * 100), money(10 + random.nextInt(2000)), money(250 + random.nextInt(8000)),
                    money(300 + random.nextInt(10000))));
        }
        // Out of order by up to five minutes of event time, inside the ten-minute watermark.
        trips.sort(Comparator.comparing((Trip t) -> t.pickup().withSecond(0).withMinute(t.pickup().getMinute() / 5 * 5))
                .thenComparing(t -> random.nextInt()));
        String topic = TestKafka.topic("taxi-oracle", 2);
        JobSpec job = TestJobs.bundled("nyc-taxi", topic);
        JobPipeline pipeline = JobPipeline.start(spark, job, TestJobs.settings(dir), new MetricsRegistry());
        try (TestKafka kafka = new TestKafka()) {
            for (int i = 0; i < trips.size(); i++) {
                Trip trip = trips.get(i);
                kafka.send(topic, trip.id(), "application/json", trip.json());
                if (i % 25 == 0) {
                    kafka.send(topic, trip.id(), "application/json", trip.json());     // redelivery, same ce_id
                }
                if (i % 500 == 0) {
                    kafka.send(topic, "bad-" + i, "application/json", "{\"tpep_pickup_datetime\": oops");
                }
            }
            kafka.flush();
            pipeline.processAllAvailable();
        } finally {
            pipeline.stop();
        }

        assertThat(LakeTables.table(spark, dir, "nyc-taxi", "events").count()).isEqualTo(trips.size());
        assertThat(LakeTables.table(spark, dir, "nyc-taxi", "quarantine").count()).isEqualTo(6);
        assertThat(LakeTables.lines(LakeTables.table(spark, dir, "nyc-taxi", "windows").select("window_start",
                "window_end", "pickup_borough", "trips", "avg_passengers", "total_distance", "avg_distance", "total_fare",
                "avg_fare", "total_amount", "avg_amount")))
                .hasSizeGreaterThan(30)
                .isEqualTo(LakeTables.lines(oracle(spark, trips)));
    }

    private static BigDecimal money(int cents) {
        return BigDecimal.valueOf(cents, 2);
    }

    private static Dataset<Row> oracle(SparkSession spark, List<Trip> trips) throws IOException {
        StructType schema = new StructType().add("ts", DataTypes.TimestampType).add("location", DataTypes.IntegerType)
                .add("passengers", DataTypes.createDecimalType(10, 2)).add("distance", DataTypes.createDecimalType(12, 2))
                .add("fare", DataTypes.createDecimalType(12, 2)).add("total", DataTypes.createDecimalType(12, 2));
        List<Row> rows = trips.stream().map(t -> RowFactory.create(
                Timestamp.from(t.pickup().atZone(ZoneId.of("America/New_York")).toInstant()), t.zone(), t.passengers(),
                t.distance(), t.fare(), t.total())).toList();
        Dataset<Row> zones = spark.read().option("header", true).option("inferSchema", true)
                .csv(spark.createDataset(lookupLines(), Encoders.STRING()));
        return spark.createDataFrame(rows, schema)
                .join(functions.broadcast(zones), col("location").equalTo(col("LocationID")))
                .groupBy(functions.window(col("ts"), "1 hour").as("w"), col("Borough"))
                .agg(functions.count(functions.lit(1)), avg("passengers"), sum("distance"), avg("distance"), sum("fare"),
                        avg("fare"), sum("total"), avg("total"))
                .select(new Column[] {col("w.start"), col("w.end"), col("Borough"), col("count(1)"),
                        col("avg(passengers)"), col("sum(distance)"), col("avg(distance)"), col("sum(fare)"),
                        col("avg(fare)"), col("sum(total)"), col("avg(total)")});
    }

    private static List<String> lookupLines() throws IOException {
        try (InputStream in = TaxiOracleTest.class.getClassLoader().getResourceAsStream("taxi_zone_lookup.csv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }
}
