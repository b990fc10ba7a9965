package io.streamgate.aggregator.lake;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SQL settings a streaming checkpoint has frozen. Spark records the number of shuffle partitions in every
 * batch's offset log entry and, on restart, uses that number instead of the session's, silently; a start whose
 * option differs is refused instead, naming both numbers.
 */
public final class CheckpointConf {

    public static final String SHUFFLE_PARTITIONS = "spark.sql.shuffle.partitions";
    private static final Pattern SHUFFLE = Pattern.compile("\"" + Pattern.quote(SHUFFLE_PARTITIONS) + "\"\\s*:\\s*\"(\\d+)\"");

    private CheckpointConf() {
    }

    /** Refuses to start when the checkpoint was started with another number of shuffle partitions. */
    public static void requireShufflePartitions(SparkSession spark, String checkpoint, String job) {
        String configured = spark.conf().get(SHUFFLE_PARTITIONS);
        frozenShufflePartitions(spark, checkpoint).filter(frozen -> !frozen.equals(configured)).ifPresent(frozen -> {
            throw new StartRefused("job " + job + ": checkpoint " + checkpoint + " was started with "
                    + frozen + " shuffle partitions, this start asks for " + configured + "; start with"
                    + " --shuffle-partitions " + frozen + " (a checkpoint keeps its number for life)");
        });
    }

    static Optional<String> frozenShufflePartitions(SparkSession spark, String checkpoint) {
        Path offsets = new Path(checkpoint, "offsets");
        try {
            FileSystem fs = offsets.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(offsets)) {
                return Optional.empty();
            }
            Path latest = null;
            long latestBatch = -1;
            for (FileStatus file : fs.listStatus(offsets)) {
                String name = file.getPath().getName();
                if (name.matches("\\d+") && Long.parseLong(name) > latestBatch) {
                    latestBatch = Long.parseLong(name);
                    latest = file.getPath();
                }
            }
            if (latest == null) {
                return Optional.empty();
            }
            try (InputStream in = fs.open(latest)) {
                Matcher m = SHUFFLE.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                return m.find() ? Optional.of(m.group(1)) : Optional.empty();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint " + offsets, e);
        }
    }
}
