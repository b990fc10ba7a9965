package io.streamgate.aggregator;

import io.streamgate.aggregator.job.JobLoader;
import io.streamgate.aggregator.job.JobSpec;
import io.streamgate.aggregator.refine.Refiner;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A csv job reads each record by its content-type header: CSV rows by its columns, JSON objects by the same names. */
class ContentTypeParsingTest {

    private static final String JSON_READING = "{\"C/A\":\"A006\",\"UNIT\":\"R079\",\"SCP\":\"00-00-01\","
            + "\"STATION\":\"5 AV/59 ST\",\"LINENAME\":\"NQRW\",\"DIVISION\":\"BMT\",\"DATE\":\"03/21/2020\","
            + "\"TIME\":\"04:00:00\",\"DESC\":\"REGULAR\",\"ENTRIES\":\"12\",\"EXITS\":7}";

    private final SparkSession spark = SharedSpark.session();
    private final JobSpec job = new JobLoader().bundled("mta-turnstile");

    @Test
    void jsonObjectsAreReadByTheColumnNamesAndDeduplicatedWithTheSameReadingInCsv() {
        Dataset<Row> kafka = new StaticKafka()
                .add("csv-1", "text/csv", "A002,R051,02-00-00,59 ST,NQR456W,BMT,03/21/2020,00:00:00,REGULAR,1,2")
                .add("hook-1", "application/json", JSON_READING)
                .add("csv-2", "text/csv", "A006,R079,00-00-01,5 AV/59 ST,NQRW,BMT,03/21/2020,04:00:00,REGULAR,12,7")
                .add("hook-2", "application/vnd.mta+json; charset=utf-8", JSON_READING.replace("A006", "A021"))
                .toDataset(spark);

        List<String> events = StaticBatch.accepted(spark, job, kafka)
                .orderBy("C/A").collectAsList().stream()
                .map(r -> r.getAs("C/A") + " " + r.getAs("STATION") + " " + r.<Timestamp>getAs("event_time").toInstant()
                        + " " + r.getAs("ENTRIES") + " " + r.getAs("EXITS")).toList();

        assertThat(events).containsExactly(
                "A002 59 ST 2020-03-21T04:00:00Z 1 2",
                "A006 5 AV/59 ST 2020-03-21T08:00:00Z 12 7",
                "A021 5 AV/59 ST 2020-03-21T08:00:00Z 12 7");
    }

    @Test
    void aJsonRecordThatIsNoObjectOrLacksAFieldIsQuarantinedAndJsonTextAsCsvIsAMalformedRow() {
        Dataset<Row> kafka = new StaticKafka()
                .add("1", "application/json", "[\"A006\",\"R079\"]")
                .add("2", "application/json", JSON_READING.replace("\"UNIT\":\"R079\",", ""))
                .add("3", "text/csv", "{\"C/A\":\"A006\",\"UNIT\":\"R079\"}")
                .toDataset(spark);

        List<String> reasons = Refiner.rejected(new Refiner(job, spark).refine(kafka)).orderBy("kafka_offset")
                .select("reason").collectAsList().stream().map(r -> r.getString(0)).toList();

        assertThat(reasons).containsExactly("value is not a JSON object", "missing field UNIT",
                "malformed CSV row: expected 11 columns "
                        + "[C/A, UNIT, SCP, STATION, LINENAME, DIVISION, DATE, TIME, DESC, ENTRIES, EXITS]");
    }
}
