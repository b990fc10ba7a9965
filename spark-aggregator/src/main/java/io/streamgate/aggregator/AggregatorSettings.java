package io.streamgate.aggregator;

import java.time.Duration;

/**
 * Deployment settings shared by all jobs. {@code triggerOverride} replaces every job's trigger interval when set
 * ({@link Duration#ZERO}: start the next micro-batch as soon as the previous one ends). {@code recover} is null,
 * {@code resume} or {@code rebuild}: how a job with a new checkpoint takes over tables another query wrote.
 * {@code warehouseUrl}, when set, is the PostgreSQL JDBC URL every job's changed windows are upserted into.
 * {@code evolve} is null, {@code extend} or {@code rebuild}: how a job whose spec changed since its tables were
 * built brings them to the new spec ({@link io.streamgate.aggregator.lake.SpecEvolution}).
 */
public record AggregatorSettings(String bootstrapServers, String lake, String checkpoints, String startingOffsets,
                                 Duration triggerOverride, String recover, String warehouseUrl, String evolve) {

    public AggregatorSettings(String bootstrapServers, String lake, String checkpoints, String startingOffsets,
                              Duration triggerOverride, String recover, String warehouseUrl) {
        this(bootstrapServers, lake, checkpoints, startingOffsets, triggerOverride, recover, warehouseUrl, null);
    }

    public AggregatorSettings(String bootstrapServers, String lake, String checkpoints, String startingOffsets,
                              Duration triggerOverride, String recover) {
        this(bootstrapServers, lake, checkpoints, startingOffsets, triggerOverride, recover, null);
    }

    public AggregatorSettings withEvolve(String mode) {
        return new AggregatorSettings(bootstrapServers, lake, checkpoints, startingOffsets, triggerOverride, recover,
                warehouseUrl, mode);
    }
}
