package io.streamgate.aggregator;

import java.time.Duration;

/**
 * Deployment settings shared by all jobs. {@code triggerOverride} replaces every job's trigger interval when set
 * ({@link Duration#ZERO}: start the next micro-batch as soon as the previous one ends).
 */
public record AggregatorSettings(String bootstrapServers, String lake, String checkpoints, String startingOffsets,
                                 Duration triggerOverride) {
}
