package io.streamgate.aggregator.evolve;

import io.delta.tables.DeltaTable;
import io.streamgate.aggregator.batch.Contributions;
import io.streamgate.aggregator.job.JobSpec;
import io.streamgate.aggregator.job.JobSpecs;
import io.streamgate.aggregator.job.SpecChanges;
import io.streamgate.aggregator.job.SpecChanges.Change;
import io.streamgate.aggregator.job.SpecChanges.Handling;
import io.streamgate.aggregator.lake.LakePaths;
import io.streamgate.aggregator.lake.StartRefused;
import io.streamgate.aggregator.lake.TableOwnership;
import io.streamgate.aggregator.sink.WindowOutputs;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.stream.Collectors;

/**
 * Brings a job's tables to the spec a start asks for ({@link SpecChanges} classifies the differences from the spec
 * in the tables' properties), or refuses the start with one line saying what changed and what to run. Nothing is
 * written before a start is let through. {@code --evolve extend} adds the new columns (old rows read null);
 * {@code --evolve rebuild} recomputes {@code windows} from {@code events} under the new spec as one batch job and
 * replaces the table in one Delta commit (the old version stays readable by time travel). The spec is recorded in
 * the properties last, so a run killed halfway leaves the tables asking for the same evolution again, and running
 * it again ends in the same tables. The streaming query keeps its checkpoint: it holds no state, only the offsets
 * that {@code events} holds, so it continues after them. A warehouse table, where there is one, is replaced by
 * the evolved {@code windows} in one database transaction; exports get every closed window of the rebuilt table,
 * and the live topic every rebuilt window, with a tombstone for each window it held that the rebuild has not.
 */
public final class SpecEvolution {

    /** Which measures or fields an {@code extend} added, and when: windows written before lack them. */
    public static final String EXTENDED = "streamgate.spec.extended";

    private static final Logger LOG = LoggerFactory.getLogger(SpecEvolution.class);

    private final JobSpec job;
    private final LakePaths paths;
    private final TableOwnership ownership;
    private final WindowOutputs outputs;

    public SpecEvolution(JobSpec job, LakePaths paths, TableOwnership ownership, WindowOutputs outputs) {
        this.job = job;
        this.paths = paths;
        this.ownership = ownership;
        this.outputs = outputs;
    }

    /**
     * Evolves the tables ({@code mode}: null, {@code extend} or {@code rebuild}) to the job's spec, given the
     * schema its {@code events} rows now have.
     *
     * @throws StartRefused when the change needs what {@code mode} does not do, or cannot be made from the lake
     */
    public void apply(SparkSession spark, String mode, StructType eventsSchema) {
        if (!DeltaTable.isDeltaTable(spark, paths.windows())) {
            return;
        }
        String built = property(spark, paths.windows(), TableOwnership.SPEC);
        if (built == null) {
            LOG.warn("job {}: its tables record no spec (built by an older version); taking them as built by the"
                    + " spec it runs now", job.name());
            record(spark, Map.of());
            return;
        }
        if (built.equals(JobSpecs.canonicalJson(job))) {
            return;
        }
        List<Change> changes = SpecChanges.between(built, job);
        if (changes.isEmpty()) {
            record(spark, Map.of()); // the same spec, written by another version: recorded as this one writes it
            return;
        }
        Handling needs = SpecChanges.needs(changes);
        refuseUnlessAllowed(changes, needs, mode);
        addMissingColumns(spark, paths.events(), eventsSchema);
        if (needs == Handling.REBUILD || needs == Handling.EXTEND && "rebuild".equals(mode)) {
            LOG.info("job {}: rebuilding windows from events under the new spec ({})", job.name(), all(changes));
            Dataset<Row> events = spark.read().format("delta").load(paths.events());
            Contributions.rebuild(job, events).write().format("delta").mode("overwrite")
                    .option("overwriteSchema", "true").save(paths.windows());
            outputs.replaceWarehouse(spark);
            outputs.republish(spark);
            outputs.exportRebuilt(spark, DeltaTable.forPath(spark, paths.windows()).history(1).first()
                    .<Long>getAs("version"));
            record(spark, Map.of());
            LOG.info("job {}: windows rebuilt; the previous version stays readable by time travel", job.name());
        } else if (needs == Handling.EXTEND) {
            addMissingColumns(spark, paths.windows(), Contributions.rebuild(job,
                    spark.createDataFrame(List.of(), eventsSchema)).schema());
            outputs.replaceWarehouse(spark); // with the new columns, or the next batch's upsert would fail
            record(spark, Map.of(EXTENDED, SpecChanges.describe(changes, Handling.EXTEND) + " at " + Instant.now()));
            LOG.info("job {}: extended ({}); windows written before hold nothing for what was added", job.name(),
                    all(changes));
        } else {
            record(spark, Map.of());
            LOG.info("job {}: carries on after {}", job.name(), all(changes));
        }
    }

    private void refuseUnlessAllowed(List<Change> changes, Handling needs, String mode) {
        String job = "job " + this.job.name() + ": ";
        String guide = " (see spark-aggregator/README.md \"Evolving a job\")";
        switch (needs) {
            case REREAD -> throw new StartRefused(job + SpecChanges.describe(changes, Handling.REREAD)
                    + ": events was read under the old rule, so nothing can be recomputed from the lake; run it as a"
                    + " new job (another name), or delete " + paths.lake() + "/" + this.job.name() + " and "
                    + paths.checkpoints() + "/" + this.job.name() + " to read its topics again" + guide);
            case REBUILD -> {
                if (!"rebuild".equals(mode)) {
                    throw new StartRefused(job + SpecChanges.describe(changes, Handling.REBUILD) + " changes what"
                            + " windows hold; restart with --evolve rebuild (recomputes windows from events under the"
                            + " new spec; the old version stays readable by time travel)" + guide);
                }
            }
            case EXTEND -> {
                if (mode == null) {
                    throw new StartRefused(job + SpecChanges.describe(changes, Handling.EXTEND) + "; restart with"
                            + " --evolve rebuild (fill what was added for every window from events) or --evolve"
                            + " extend (leave it empty in windows written before)" + guide);
                }
            }
            case CARRY_ON -> { }
        }
    }

    /** ALTER TABLE ... ADD COLUMNS for the columns of {@code wanted} that the table lacks. */
    private static void addMissingColumns(SparkSession spark, String table, StructType wanted) {
        Set<String> present = Arrays.stream(DeltaTable.forPath(spark, table).toDF().schema().fieldNames())
                .collect(Collectors.toSet());
        StringJoiner added = new StringJoiner(", ");
        for (StructField field : wanted.fields()) {
            if (!present.contains(field.name())) {
                added.add("`" + field.name().replace("`", "``") + "` " + field.dataType().sql());
            }
        }
        if (added.length() > 0) {
            spark.sql("ALTER TABLE delta.`" + table + "` ADD COLUMNS (" + added + ")");
        }
    }

    /** Sets the job's spec (and {@code extra}) on every table: the last step, so a killed run repeats the rest. */
    private void record(SparkSession spark, Map<String, String> extra) {
        StringJoiner set = new StringJoiner(", ");
        ownership.properties().forEach((key, value) -> set.add(property(key, value)));
        extra.forEach((key, value) -> set.add(property(key, value)));
        for (String table : ownership.tables()) {
            if (DeltaTable.isDeltaTable(spark, table)) {
                spark.sql("ALTER TABLE delta.`" + table + "` SET TBLPROPERTIES (" + set + ")");
            }
        }
    }

    private static String property(String key, String value) {
        return "'" + key + "' = '" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static String property(SparkSession spark, String table, String key) {
        return DeltaTable.forPath(spark, table).detail().first()
                .<scala.collection.Map<String, String>>getAs("properties").get(key).getOrElse(() -> null);
    }

    private static String all(List<Change> changes) {
        return changes.stream().map(Change::what).collect(Collectors.joining(", "));
    }
}
