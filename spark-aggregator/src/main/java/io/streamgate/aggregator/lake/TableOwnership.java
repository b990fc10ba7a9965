package io.streamgate.aggregator.lake;

import io.delta.tables.DeltaTable;
import io.streamgate.aggregator.job.JobSpec;
import io.streamgate.aggregator.job.JobSpecs;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which job, spec and streaming query a job's tables belong to, kept in each Delta table's properties:
 * {@code streamgate.job}, {@code streamgate.spec.fingerprint} (SHA-256 of the canonical spec, see
 * {@link JobSpecs#fingerprint}), {@code streamgate.spec} (the canonical spec as JSON) and {@code streamgate.query-id}
 * (the id of the streaming query, from its checkpoint, that writes them). The idempotent writes are keyed by that
 * query id: a query with another checkpoint would write every batch again, so it may not start on these tables
 * unless told how to recover ({@link Recovery}).
 */
public final class TableOwnership {

    public static final String JOB = "streamgate.job";
    public static final String FINGERPRINT = "streamgate.spec.fingerprint";
    public static final String SPEC = "streamgate.spec";
    public static final String QUERY_ID = "streamgate.query-id";
    private static final Pattern CHECKPOINT_ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    private final JobSpec job;
    private final LakePaths paths;
    private boolean claimed;

    public TableOwnership(JobSpec job, LakePaths paths) {
        this.job = job;
        this.paths = paths;
    }

    /** The properties a new table of this job is created with. */
    public Map<String, String> properties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(JOB, job.name());
        properties.put(FINGERPRINT, JobSpecs.fingerprint(job));
        properties.put(SPEC, JobSpecs.canonicalJson(job));
        return properties;
    }

    public List<String> tables() {
        return List.of(paths.events(), paths.quarantine(), paths.windows(), paths.ledger());
    }

    /** The query that wrote the tables, if any has. */
    public Optional<String> owner(SparkSession spark) {
        if (!DeltaTable.isDeltaTable(spark, paths.ledger())) {
            return Optional.empty();
        }
        return Optional.ofNullable(DeltaTable.forPath(spark, paths.ledger()).detail().first()
                .<scala.collection.Map<String, String>>getAs("properties").get(QUERY_ID).getOrElse(() -> null));
    }

    /** The id of the query the checkpoint belongs to; empty for a checkpoint not yet started. */
    public Optional<String> checkpointQuery(SparkSession spark) {
        Path metadata = new Path(paths.checkpoint("query"), "metadata");
        try {
            FileSystem fs = metadata.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(metadata)) {
                return Optional.empty();
            }
            try (InputStream in = fs.open(metadata)) {
                Matcher id = CHECKPOINT_ID.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                return id.find() ? Optional.of(id.group(1)) : Optional.empty();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint " + metadata, e);
        }
    }

    /** Refuses a start whose checkpoint is not the one the tables were written with, naming the ways out. */
    public void refuseForeignCheckpoint(SparkSession spark) {
        Optional<String> owner = owner(spark);
        Optional<String> checkpoint = checkpointQuery(spark);
        if (owner.isPresent() && !owner.equals(checkpoint)) {
            throw new StartRefused("job " + job.name() + ": the tables under " + paths.lake() + "/" + job.name()
                    + " were written by query " + owner.get() + " but checkpoint " + paths.checkpoint("query")
                    + (checkpoint.isEmpty() ? " is new" : " belongs to query " + checkpoint.get())
                    + "; restart with --recover resume (continue after the offsets the lake holds) or --recover rebuild"
                    + " (recompute windows from events, then continue), see spark-aggregator/README.md"
                    + " \"Recovering from a lost checkpoint\"");
        }
    }

    /** Marks the tables as written by {@code queryId} (once per run; a no-op when they already are). */
    public void claim(SparkSession spark, String queryId) {
        if (claimed) {
            return;
        }
        if (!owner(spark).map(queryId::equals).orElse(false)) {
            for (String table : tables()) {
                spark.sql("ALTER TABLE delta.`" + table + "` SET TBLPROPERTIES ('" + QUERY_ID + "' = '" + queryId + "')");
            }
        }
        claimed = true;
    }

    /** Clears the owner, so that a query with a new checkpoint may take the tables over (after a recovery). */
    public void release(SparkSession spark) {
        for (String table : tables()) {
            spark.sql("ALTER TABLE delta.`" + table + "` UNSET TBLPROPERTIES IF EXISTS ('" + QUERY_ID + "')");
        }
    }
}
