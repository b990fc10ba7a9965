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
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The Parquet files of {@code events}, as the job's session writes them. */
class EventFilesTest {

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
