package io.streamgate.aggregator.batch;

import io.delta.tables.DeltaTable;
import io.streamgate.aggregator.job.JobSpec;
import io.streamgate.aggregator.lake.LakePaths;
import io.streamgate.aggregator.lake.StartRefused;
import io.streamgate.aggregator.lake.TableOwnership;
import io.streamgate.aggregator.sql.Columns;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ExecutionException;

import static io.streamgate.aggregator.sql.Columns.col;

/**
 * Taking over a job's tables with a new checkpoint ({@code --recover}). The ledger says up to which Kafka offsets
 * batches were completed; rows past them in {@code events} or {@code quarantine} are the writes of a batch that
 * crashed halfway. {@code resume} continues after the completed offsets and refuses if such a half batch exists
 * (its windows may or may not hold it); {@code rebuild} deletes the half batch, recomputes {@code windows} from
 * {@code events} as one batch job (a new Delta version; the old one stays readable by time travel) and continues
 * after the completed offsets, so the half batch is read again.
 */
public final class Recovery {

    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

    private final JobSpec job;
    private final LakePaths paths;
    private final TableOwnership ownership;

    public Recovery(JobSpec job, LakePaths paths, TableOwnership ownership) {
        this.job = job;
        this.paths = paths;
        this.ownership = ownership;
    }

    /** Recovers ({@code resume} or {@code rebuild}) and returns the Kafka starting offsets (JSON) to continue from. */
    public String recover(SparkSession spark, String mode, String bootstrapServers) {
        Map<String, Long> completed = completedOffsets(spark);
        Column halfBatch = pastCompleted(completed);
        long pending = read(spark, paths.events()).filter(halfBatch).count()
                + read(spark, paths.quarantine()).filter(halfBatch).count();
        if (pending > 0 && mode.equals("resume")) {
            throw new StartRefused("job " + job.name() + ": " + pending + " rows in events/quarantine"
                    + " come from a batch that did not complete; restart with --recover rebuild");
        }
        if (mode.equals("rebuild")) {
            DeltaTable.forPath(spark, paths.events()).delete(halfBatch);
            DeltaTable.forPath(spark, paths.quarantine()).delete(halfBatch);
            Contributions.rebuild(job, read(spark, paths.events())).write().format("delta").mode("overwrite")
                    .save(paths.windows());
            LOG.info("job {}: windows rebuilt from events ({} rows of a half batch removed)", job.name(), pending);
        }
        ownership.release(spark);
        return startingOffsets(completed, bootstrapServers);
    }

    /** Per "topic/partition", the last offset of a completed batch. */
    private Map<String, Long> completedOffsets(SparkSession spark) {
        Map<String, Long> completed = new HashMap<>();
        read(spark, paths.ledger()).select(functions.explode(col("end_offsets"))).groupBy("key")
                .agg(functions.max("value")).collectAsList().forEach(r -> completed.put(r.getString(0), r.getLong(1)));
        return completed;
    }

    private static Column pastCompleted(Map<String, Long> completed) {
        Column known = functions.lit(false);
        Column past = functions.lit(false);
        for (Map.Entry<String, Long> last : completed.entrySet()) {
            int slash = last.getKey().lastIndexOf('/');
            Column partition = col(Columns.KAFKA_TOPIC).equalTo(last.getKey().substring(0, slash))
                    .and(col(Columns.KAFKA_PARTITION).equalTo(Integer.parseInt(last.getKey().substring(slash + 1))));
            known = known.or(partition);
            past = past.or(partition.and(col(Columns.KAFKA_OFFSET).gt(last.getValue())));
        }
        return functions.not(known).or(past);
    }

    private String startingOffsets(Map<String, Long> completed, String bootstrapServers) {
        StringJoiner topics = new StringJoiner(",", "{", "}");
        for (TopicDescription topic : describe(bootstrapServers, job.input().topics())) {
            StringJoiner partitions = new StringJoiner(",", "{", "}");
            topic.partitions().forEach(p -> {
                Long last = completed.get(topic.name() + "/" + p.partition());
                partitions.add("\"" + p.partition() + "\":" + (last == null ? -2 : last + 1));
            });
            topics.add("\"" + topic.name() + "\":" + partitions);
        }
        return topics.toString();
    }

    private static List<TopicDescription> describe(String bootstrapServers, List<String> topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            return List.copyOf(admin.describeTopics(topics).allTopicNames().get().values());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the partitions of " + topics, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the partitions of " + topics + ": " + e.getCause().getMessage(), e);
        }
    }

    private static Dataset<Row> read(SparkSession spark, String path) {
        return spark.read().format("delta").load(path);
    }
}
