package io.streamgate.aggregator.metrics;

import org.apache.spark.sql.streaming.SourceProgress;
import org.apache.spark.sql.streaming.StateOperatorProgress;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Arrays;

/**
 * Per query and micro-batch: input and processed rows/s, batch duration, watermark, rows dropped by the watermark
 * and Kafka offsets behind latest; logged, and kept in the {@link MetricsRegistry} for scraping. Quarantined rows
 * are counted by the refine writer into the same registry.
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
        long dropped = Arrays.stream(p.stateOperators()).mapToLong(StateOperatorProgress::numRowsDroppedByWatermark).sum();
        long behind = Arrays.stream(p.sources()).mapToLong(StreamingMetricsListener::offsetsBehindLatest).sum();
        Long batchMs = p.durationMs().get("triggerExecution");
        String watermark = p.eventTime().get("watermark");
        metrics.gauge("streamgate_input_rows_per_second", QUERY, query, finite(p.inputRowsPerSecond()));
        metrics.gauge("streamgate_processed_rows_per_second", QUERY, query, finite(p.processedRowsPerSecond()));
        metrics.gauge("streamgate_batch_duration_seconds", QUERY, query, batchMs == null ? 0 : batchMs / 1000.0);
        metrics.count("streamgate_input_rows_total", QUERY, query, p.numInputRows());
        metrics.count("streamgate_rows_dropped_by_watermark_total", QUERY, query, dropped);
        metrics.gauge("streamgate_kafka_offsets_behind_latest", QUERY, query, behind);
        if (watermark != null) {
            metrics.gauge("streamgate_watermark_seconds", QUERY, query, Instant.parse(watermark).getEpochSecond());
        }
        LOG.info("query {} batch {}: {} rows, {} rows/s in, {} rows/s processed, {} ms, watermark {}, "
                        + "{} rows dropped by watermark, {} offsets behind latest",
                query, p.batchId(), p.numInputRows(), Math.round(p.inputRowsPerSecond()),
                Math.round(p.processedRowsPerSecond()), batchMs, watermark, dropped, behind);
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
