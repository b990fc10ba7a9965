package io.streamgate.aggregator.job;

/** One output column of a window: {@code function} over {@code field} ({@code count} may omit the field). */
public record MeasureSpec(String name, String function, String field) {

    public MeasureKind kind() {
        return MeasureKind.of(function);
    }
}
