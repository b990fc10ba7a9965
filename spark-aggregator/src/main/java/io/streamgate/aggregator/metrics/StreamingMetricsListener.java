package io.streamgate.aggregator.metrics;

import org.apache.spark.sql.streaming.SourceProgress;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;

/**
 * Per query and micro-batch: input and processed rows/s, batch duration and Kafka offsets behind latest; logged,
 * and kept in the {@link MetricsRegistry} for scraping. The queries keep no streaming state, so Spark's watermark
 * and rows dropped by it do not apply: lateness, duplicates and the high-water mark are the batch writer's, counted
 * into the same registry.
 */
public final class StreamingMetricsListener extends StreamingQueryListener {

    private static final Logger LOG = LoggerFactory.getLogger(StreamingMetricsListener.class);
    private static final String QUERY = "query";

    private final MetricsRegistry metrics;

    public StreamingMetricsListener(MetricsRegistry metrics) {
        this.metrics = metrics;
    }

    @Override
    public void onQueryStarted(QueryStartedEvent event) {
        LOG.info("query {} started (id {}, run {})", event.name(), event.id(), event.runId());
    }

    @Override
    public void onQueryProgress(QueryProgressEvent event) {
        StreamingQueryProgress p = event.progress();
        String query = p.name() == null ? p.id().toString() : p.name();
        long behind = Arrays.stream(p.sources()).mapToLong(StreamingMetricsListener::offsetsBehindLatest).sum();
        Long batchMs = p.durationMs().get("triggerExecution");
        metrics.gauge("streamgate_input_rows_per_second", QUERY, query, finite(p.inputRowsPerSecond()));
        metrics.gauge("streamgate_processed_rows_per_second", QUERY, query, finite(p.processedRowsPerSecond()));
        metrics.gauge("streamgate_batch_duration_seconds", QUERY, query, batchMs == null ? 0 : batchMs / 1000.0);
        metrics.count("streamgate_input_rows_total", QUERY, query, p.numInputRows());
        metrics.gauge("streamgate_kafka_offsets_behind_latest", QUERY, query, behind);
        LOG.info("query {} batch {}: {} rows, {} rows/s in, {} rows/s processed, {} ms, {} offsets behind latest",
                query, p.batchId(), p.numInputRows(), Math.round(p.inputRowsPerSecond()),
                Math.round(p.processedRowsPerSecond()), batchMs, behind);
    }

    @Override
    public void onQueryTerminated(QueryTerminatedEvent event) {
        if (event.exception().isDefined()) {
            LOG.error("query {} failed: {}", event.id(), event.exception().get());
        } else {
            LOG.info("query {} stopped", event.id());
        }
    }

    /** The Kafka source reports {@code maxOffsetsBehindLatest} (summed over partitions it is the lag). */
    private static long offsetsBehindLatest(SourceProgress source) {
        String max = source.metrics().get("maxOffsetsBehindLatest");
        return max == null ? 0 : (long) Double.parseDouble(max);
    }

    private static double finite(double value) {
        return Double.isFinite(value) ? value : 0;
    }
}
