package io.streamgate.aggregator;

import java.time.Duration;

/**
 * Deployment settings shared by all jobs. {@code triggerOverride} replaces every job's trigger interval when set
 * ({@link Duration#ZERO}: start the next micro-batch as soon as the previous one ends); {@code warehouseUrl}, when
 * set, is the PostgreSQL JDBC URL every job's changed windows are upserted into.
 */
public record AggregatorSettings(String bootstrapServers, String lake, String checkpoints, String startingOffsets,
                                 Duration triggerOverride, String warehouseUrl) {

    public AggregatorSettings(String bootstrapServers, String lake, String checkpoints, String startingOffsets,
                              Duration triggerOverride) {
        this(bootstrapServers, lake, checkpoints, startingOffsets, triggerOverride, null);
    }
}
