package io.streamgate.aggregator;

import java.time.Duration;

/**
 * Deployment settings shared by all jobs. {@code triggerOverride} replaces every job's trigger interval when set
 * ({@link Duration#ZERO}: start the next micro-batch as soon as the previous one ends). {@code recover} is null,
 * {@code resume} or {@code rebuild}: how a job with a new checkpoint takes over tables another query wrote.
 * {@code warehouseUrl}, when set, is the PostgreSQL JDBC URL every job's changed windows are upserted into.
 */
public record AggregatorSettings(String bootstrapServers, String lake, String checkpoints, String startingOffsets,
                                 Duration triggerOverride, String recover, String warehouseUrl) {

    public AggregatorSettings(String bootstrapServers, String lake, String checkpoints, String startingOffsets,
                              Duration triggerOverride, String recover) {
        this(bootstrapServers, lake, checkpoints, startingOffsets, triggerOverride, recover, null);
    }

    public AggregatorSettings withRecover(String mode) {
        return new AggregatorSettings(bootstrapServers, lake, checkpoints, startingOffsets, triggerOverride, mode,
                warehouseUrl);
    }
}
