package io.streamgate.aggregator.refine;

import io.streamgate.aggregator.job.CounterSpec;
import io.streamgate.aggregator.job.JobSpec;
import io.streamgate.aggregator.job.MeasureKind;
import io.streamgate.aggregator.sql.Columns;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.GroupStateTimeout;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.List;

/**
 * Adds {@code <field>_delta} for every counter-delta measure field and {@link Columns#COUNTER_NOTE} (why a
 * difference was dropped) to a watermarked stream of deduplicated readings. Needs a watermark on the event time.
 */
final class CounterDeltas {

    private final JobSpec job;

    CounterDeltas(JobSpec job) {
        this.job = job;
    }

    Dataset<Row> apply(Dataset<Row> readings) {
        StructType in = readings.schema();
        List<String> fields = job.measures().stream()
                .filter(m -> m.kind() == MeasureKind.COUNTER_DELTA).map(m -> m.field()).distinct().toList();
        StructType out = in;
        DataType[] types = new DataType[fields.size()];
        int[] measureIndexes = new int[fields.size()];
        for (int i = 0; i < fields.size(); i++) {
            measureIndexes[i] = in.fieldIndex(fields.get(i));
            types[i] = in.fields()[measureIndexes[i]].dataType();
            out = out.add(Columns.deltaOf(fields.get(i)), types[i], true);
        }
        out = out.add(Columns.COUNTER_NOTE, DataTypes.StringType, true);
        int[] positions = {in.fieldIndex(Columns.KAFKA_TOPIC), in.fieldIndex(Columns.KAFKA_PARTITION),
                in.fieldIndex(Columns.KAFKA_OFFSET)};
        CounterSpec counter = job.counter();
        CounterDeltaFunction function = new CounterDeltaFunction(in.fieldIndex(Columns.EVENT_TIME), positions,
                measureIndexes, types, fields.toArray(String[]::new),
                new CounterRules(counter.maxDelta(), counter.maxGapDuration()), readings.isStreaming());
        int[] keyIndexes = counter.key().stream().mapToInt(in::fieldIndex).toArray();
        int rejectedAt = in.fieldIndex(Refiner.REJECTED_AT);
        return readings
                .groupByKey((MapFunction<Row, String>) r -> counterKey(r, keyIndexes, rejectedAt), Encoders.STRING())
                .flatMapGroupsWithState(function, OutputMode.Append(), Encoders.javaSerialization(CounterState.class),
                        Encoders.row(out), GroupStateTimeout.EventTimeTimeout());
    }

    /** The counter a reading belongs to; a rejected record is a group of its own, passed through without state. */
    private static String counterKey(Row row, int[] keyIndexes, int rejectedAt) {
        if (!row.isNullAt(rejectedAt)) {
            return CounterDeltaFunction.REJECTED + row.getString(rejectedAt);
        }
        StringBuilder key = new StringBuilder(CounterDeltaFunction.COUNTER);
        for (int index : keyIndexes) {
            key.append(row.get(index)).append('\u0001');
        }
        return key.toString();
    }
}
