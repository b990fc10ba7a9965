package io.streamgate.poller.cursor;

import java.math.BigDecimal;
import java.time.Duration;

import io.streamgate.poller.source.IncrementalConfig;

/**
 * How far back a run re-reads from the saved cursor, so that rows a provider commits late with a cursor value
 * equal to (or a little below) one already read are still fetched; records re-read inside the window are dropped
 * by id ({@link CursorState#recent()}). Times go back by {@code time}, numbers by {@code number}; text cursors
 * cannot go back and are asked for from the saved value.
 */
public record Overlap(Duration time, BigDecimal number) {

    public static final Overlap NONE = new Overlap(Duration.ZERO, BigDecimal.ZERO);

    /** The window a source's {@code incremental} config asks for. */
    public static Overlap of(IncrementalConfig incremental) {
        return new Overlap(incremental.overlap(), incremental.numericOverlap());
    }

    public boolean active() {
        return !time.isZero() || number.signum() != 0;
    }

    /** {@code value} moved back by the overlap, in the same notation. */
    public String minus(String value) {
        return CursorValues.minus(value, time, number);
    }
}
