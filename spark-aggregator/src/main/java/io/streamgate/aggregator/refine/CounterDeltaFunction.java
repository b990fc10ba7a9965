package io.streamgate.aggregator.refine;

import org.apache.spark.api.java.function.FlatMapGroupsWithStateFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.streaming.GroupState;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.StringJoiner;

/**
 * Emits each reading of a counter with its differences once the watermark has passed it, in event-time order.
 * Readings at or below the watermark have all arrived (later ones are dropped as late upstream), so the previous
 * reading of each emitted one is final: out-of-order arrival inside the watermark cannot produce a wrong difference.
 * Ties in event time are ordered by Kafka position, so a replayed batch emits exactly the same rows.
 * The price: a counter-delta job's events (and windows) trail event time by the watermark delay.
 */
final class CounterDeltaFunction implements FlatMapGroupsWithStateFunction<String, Row, CounterState, Row> {

    /** Group key prefixes: a counter's readings, or one rejected record (no event time, nothing to difference). */
    static final String COUNTER = "c:";
    static final String REJECTED = "r:";

    private final int timeIndex;
    private final int[] positionIndexes;
    private final int[] measureIndexes;
    private final DataType[] measureTypes;
    private final String[] measureNames;
    private final CounterRules rules;
    private final boolean streaming;

    CounterDeltaFunction(int timeIndex, int[] positionIndexes, int[] measureIndexes, DataType[] measureTypes,
                         String[] measureNames, CounterRules rules, boolean streaming) {
        this.streaming = streaming;
        this.timeIndex = timeIndex;
        this.positionIndexes = positionIndexes;
        this.measureIndexes = measureIndexes;
        this.measureTypes = measureTypes;
        this.measureNames = measureNames;
        this.rules = rules;
    }

    @Override
    public Iterator<Row> call(String counter, Iterator<Row> readings, GroupState<CounterState> group) {
        if (counter.startsWith(REJECTED)) {
            List<Row> out = new ArrayList<>();
            readings.forEachRemaining(r -> out.add(RowFactory.create(Arrays.copyOf(values(r),
                    r.length() + measureIndexes.length + 1))));
            return out.iterator();
        }
        CounterState state = group.exists() ? group.get() : new CounterState();
        readings.forEachRemaining(r -> state.pending.add(values(r)));
        // On static data every reading is present: all of them are final.
        long watermark = streaming ? group.getCurrentWatermarkMs() : Long.MAX_VALUE;
        state.pending.sort(order());
        List<Row> out = new ArrayList<>();
        while (!state.pending.isEmpty() && timeMs(state.pending.get(0)) <= watermark) {
            out.add(emit(state, state.pending.remove(0)));
        }
        if (!state.pending.isEmpty()) {
            group.setTimeoutTimestamp(timeMs(state.pending.get(0)));
        }
        group.update(state);
        return out.iterator();
    }

    private Row emit(CounterState state, Object[] reading) {
        long time = timeMs(reading);
        Object[] row = Arrays.copyOf(reading, reading.length + measureIndexes.length + 1);
        BigDecimal[] current = new BigDecimal[measureIndexes.length];
        StringJoiner notes = new StringJoiner("; ");
        for (int i = 0; i < measureIndexes.length; i++) {
            current[i] = decimal(reading[measureIndexes[i]]);
            CounterRules.Outcome outcome = state.lastTimeMs == null
                    ? rules.first()
                    : rules.next(state.lastValues[i], state.lastTimeMs, current[i], time);
            row[reading.length + i] = outcome.delta() == null ? null : typed(outcome.delta(), measureTypes[i]);
            if (outcome.rejection() != null) {
                notes.add(measureNames[i] + " " + outcome.rejection().name().toLowerCase()
                        + " (" + current[i].subtract(state.lastValues[i]).toPlainString() + ")");
            }
        }
        row[row.length - 1] = notes.length() == 0 ? null : notes.toString();
        state.lastTimeMs = time;
        state.lastValues = current;
        return RowFactory.create(row);
    }

    private Object[] values(Row row) {
        Object[] values = new Object[row.length()];
        for (int i = 0; i < values.length; i++) {
            values[i] = row.get(i);
        }
        return values;
    }

    private long timeMs(Object[] reading) {
        return ((Timestamp) reading[timeIndex]).getTime();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Comparator<Object[]> order() {
        Comparator<Object[]> byTime = Comparator.comparingLong(this::timeMs);
        for (int index : positionIndexes) {
            byTime = byTime.thenComparing(r -> (Comparable) r[index]);
        }
        return byTime;
    }

    private static BigDecimal decimal(Object value) {
        return value instanceof BigDecimal d ? d : new BigDecimal(value.toString());
    }

    private static Object typed(BigDecimal delta, DataType type) {
        if (type.equals(DataTypes.LongType)) {
            return delta.longValueExact();
        }
        if (type.equals(DataTypes.IntegerType)) {
            return delta.intValueExact();
        }
        if (type.equals(DataTypes.DoubleType)) {
            return delta.doubleValue();
        }
        if (type instanceof DecimalType d) {
            return delta.setScale(d.scale());
        }
        throw new IllegalArgumentException("counter-delta needs a numeric field, not " + type.simpleString());
    }
}
