package io.streamgate.bench.spark;

import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per micro-batch of a baseline, in the aggregator's own format ({@code query NAME batch N: R rows, ...
 * M ms, watermark ...}), so that the benchmark reads the job and its baselines the same way.
 */
final class ProgressLog extends StreamingQueryListener {

    private static final Logger LOG = LoggerFactory.getLogger(ProgressLog.class);

    @Override
    public void onQueryStarted(QueryStartedEvent event) {
        LOG.info("query {} started (id {})", event.name(), event.id());
    }

    @Override
    public void onQueryProgress(QueryProgressEvent event) {
        StreamingQueryProgress p = event.progress();
        LOG.info("query {} batch {}: {} rows, {} rows/s in, {} rows/s processed, {} ms, watermark {}",
                p.name(), p.batchId(), p.numInputRows(), Math.round(p.inputRowsPerSecond()),
                Math.round(p.processedRowsPerSecond()), p.durationMs().get("triggerExecution"),
                p.eventTime().get("watermark"));
    }

    @Override
    public void onQueryTerminated(QueryTerminatedEvent event) {
        if (event.exception().isDefined()) {
            LOG.error("query {} failed: {}", event.id(), event.exception().get());
        }
    }
}
