package io.streamgate.aggregator;

import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerBlockUpdated;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the Spark jobs of one action did, as the session's listener bus reports them: blocks stored on disk only (as
 * Delta stores its copy of a MERGE's source) and the largest execution memory one of their tasks took (a sort takes
 * some; writing rows as they come takes none). Only the action's own jobs count, by a job group of their own: Delta
 * replays a table's log on a thread of its own after a write ({@code SnapshotWarmer}), and that sorts.
 */
final class SparkEvents extends SparkListener {

    private static final String GROUP = "spark-events-watched";

    private final Set<Integer> stages = ConcurrentHashMap.newKeySet();
    private final AtomicInteger diskOnlyBlocks = new AtomicInteger();
    private final AtomicLong peakExecutionMemory = new AtomicLong();

    /** What the given action's jobs did, once every event of them has reached the listener. */
    record Seen(int diskOnlyBlocks, long peakExecutionMemory) {
    }

    private SparkEvents() {
    }

    static Seen during(SparkSession spark, Runnable action) throws TimeoutException {
        SparkEvents events = new SparkEvents();
        spark.sparkContext().addSparkListener(events);
        spark.sparkContext().setJobGroup(GROUP, "watched by a test", false);
        try {
            action.run();
        } finally {
            spark.sparkContext().clearJobGroup();
            spark.sparkContext().listenerBus().waitUntilEmpty();
            spark.sparkContext().removeSparkListener(events);
        }
        return new Seen(events.diskOnlyBlocks.get(), events.peakExecutionMemory.get());
    }

    @Override
    public void onJobStart(SparkListenerJobStart event) {
        if (event.properties() != null && GROUP.equals(event.properties().getProperty("spark.jobGroup.id"))) {
            for (Object stage : scala.collection.JavaConverters.seqAsJavaList(event.stageIds())) {
                stages.add((Integer) stage);
            }
        }
    }

    @Override
    public void onBlockUpdated(SparkListenerBlockUpdated event) {
        if (event.blockUpdatedInfo().storageLevel().equals(StorageLevel.DISK_ONLY())) {
            diskOnlyBlocks.incrementAndGet();
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd event) {
        if (stages.contains(event.stageId()) && event.taskMetrics() != null) {
            peakExecutionMemory.accumulateAndGet(event.taskMetrics().peakExecutionMemory(), Math::max);
        }
    }
}
