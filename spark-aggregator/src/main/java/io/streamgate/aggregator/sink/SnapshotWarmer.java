package io.streamgate.aggregator.sink;

import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Replays a Delta table's log up to the snapshot a write has just committed, on a background thread, so that the
 * next batch finds that snapshot's state computed. Delta 3.3 needs it for every idempotent write (the
 * {@code txnAppId} versions are read from the full state, not from the commit's checksum) and for the file list of
 * every read; replayed on the next batch's path, it costs a few small Spark jobs per table (~0.3 s each here) before
 * the batch's windows are visible. Replayed here, the cost falls between batches, or beside the batch's other writes.
 * The next write finds the same snapshot object when no one else has committed since: Delta caches one log per
 * table path and computes a snapshot's state once.
 */
final class SnapshotWarmer {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotWarmer.class);
    private static final ExecutorService THREAD = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "delta-snapshot-warmer");
        thread.setDaemon(true);
        return thread;
    });
    /** Tables queued and not yet started: a second request for one of them adds nothing. */
    private static final Set<String> QUEUED = ConcurrentHashMap.newKeySet();

    private SnapshotWarmer() {
    }

    static void warm(SparkSession spark, String path) {
        if (!QUEUED.add(path)) {
            return;
        }
        THREAD.execute(() -> {
            QUEUED.remove(path);
            // The thread inherited the Spark properties of the thread that made it, the first to warm a table: a
            // streaming query's job group among them, which Spark cancels when that query stops.
            spark.sparkContext().clearJobGroup();
            try {
                DeltaLog.forTable(spark, path).unsafeVolatileSnapshot().setTransactions();
            } catch (Exception e) { // Spark's SparkException is checked, and thrown undeclared from Scala
                // only a head start: the next write replays the log itself if this one could not (the table gone)
                LOG.debug("could not replay the log of {} ahead of the next write", path, e);
            }
        });
    }
}
