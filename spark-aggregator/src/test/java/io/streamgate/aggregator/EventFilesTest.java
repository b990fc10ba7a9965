package io.streamgate.aggregator;

import io.streamgate.aggregator.job.JobLoader;
import io.streamgate.aggregator.job.JobSpec;
import io.streamgate.aggregator.refine.Refiner;
import io.streamgate.aggregator.sink.DeltaWrites;
import io.streamgate.aggregator.sql.Columns;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The Parquet files of {@code events}, as the job's session writes them. */
class EventFilesTest {

    /** Event dates of one batch, fewer than the files a task keeps open. */
    private static final int DATES = 40;

    private final SparkSession spark = SharedSpark.session();

    @TempDir
    Path dir;

    @Test
    void ceIdAndKafkaOffsetAreWrittenWithoutADictionary() throws IOException {
        JobSpec job = new JobLoader().bundled("mta-turnstile");
        StaticKafka kafka = new StaticKafka();
        for (int i = 0; i < 2000; i++) {
            kafka.add("id-" + i, "A002,R051,%05d,59 ST,NQR456W,BMT,03/21/2020,00:00:00,REGULAR,1,2".formatted(i));
        }
        // One value in every row, where Parquet would take a dictionary (as it does for STATION) but for the
        // setting. With unique values, as the job has them, it would also end without one, but only after building
        // a dictionary for a page and giving it up: what the setting saves.
        Dataset<Row> events = Refiner.events(new Refiner(job, spark).refine(kafka.toDataset(spark)))
                .withColumn(JobSpec.CE_ID, functions.lit("id"))
                .withColumn(Columns.KAFKA_OFFSET, functions.lit(7L));
        Path table = dir.resolve("events");

        DeltaWrites.append(events, table.toString(), "query", 0);

        assertThat(dictionaryUse(table)).containsEntry("STATION", true)
                .containsEntry(JobSpec.CE_ID, false).containsEntry(Columns.KAFKA_OFFSET, false);
    }

    @Test
    void eventsOfManyDatesAreWrittenAsTheyComeNotSortedByDate() throws Exception {
        JobSpec job = new JobLoader().bundled("mta-turnstile");
        StaticKafka kafka = new StaticKafka();
        LocalDate first = LocalDate.of(2020, 3, 1);
        for (int i = 0; i < 2000; i++) {
            String date = first.plusDays(i % DATES).format(DateTimeFormatter.ofPattern("MM/dd/yyyy"));
            kafka.add("id-" + i, "A002,R051,%05d,59 ST,NQR456W,BMT,%s,00:00:00,REGULAR,1,2".formatted(i, date));
        }
        Dataset<Row> events = Refiner.events(new Refiner(job, spark).refine(kafka.toDataset(spark)));
        String sorted = partitionedByDate("sorted", events);
        String table = partitionedByDate("events", events);
        String writers = "spark.sql.maxConcurrentOutputFileWriters";
        // Spark's default: one file open per task, its rows sorted by date first, which takes execution memory
        spark.conf().set(writers, "0");
        try {
            assertThat(SparkEvents.during(spark, () -> DeltaWrites.append(events, sorted, "query", 0))
                    .peakExecutionMemory()).isPositive();
        } finally {
            spark.conf().set(writers, String.valueOf(StreamingSessions.MAX_OPEN_FILES_PER_TASK));
        }
        assertThat(SparkEvents.during(spark, () -> DeltaWrites.append(events, table, "query", 0))
                .peakExecutionMemory()).isZero();
        Dataset<Row> written = spark.read().format("delta").load(table);
        assertThat(written.count()).isEqualTo(2000);
        assertThat(written.select(Columns.EVENT_DATE).distinct().count()).isEqualTo(DATES);
    }

    /**
     * An empty table partitioned by event date, as the job creates {@code events}, its log replayed as the job's
     * next batch finds it ({@code SnapshotWarmer}): the replay sorts, and would count as the write's otherwise.
     */
    private String partitionedByDate(String name, Dataset<Row> events) {
        String path = dir.resolve(name).toString();
        DeltaWrites.ensureTable(spark, path, events.schema(), Map.of(), Columns.EVENT_DATE);
        DeltaLog.forTable(spark, path).unsafeVolatileSnapshot().setTransactions();
        return path;
    }

    /** Per column, whether any chunk of any data file of the table uses a dictionary. */
    private static Map<String, Boolean> dictionaryUse(Path table) throws IOException {
        Map<String, Boolean> used = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(table)) {
            files = walk.filter(f -> f.toString().endsWith(".parquet")).toList();
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(
                    new org.apache.hadoop.fs.Path(file.toUri()), new Configuration()))) {
                for (BlockMetaData block : reader.getFooter().getBlocks()) {
                    for (ColumnChunkMetaData column : block.getColumns()) {
                        boolean dict = column.getEncodings().stream().anyMatch(Encoding::usesDictionary);
                        used.merge(column.getPath().toDotString(), dict, Boolean::logicalOr);
                    }
                }
            }
        }
        return used;
    }
}
