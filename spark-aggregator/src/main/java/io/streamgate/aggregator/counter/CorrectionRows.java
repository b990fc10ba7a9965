package io.streamgate.aggregator.counter;

import io.streamgate.aggregator.aggregate.MeasureColumns;
import io.streamgate.aggregator.job.JobSpec;
import io.streamgate.aggregator.job.MeasureKind;
import io.streamgate.aggregator.job.MeasureSpec;
import io.streamgate.aggregator.sql.Columns;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructType;

import java.io.Serializable;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Spark rows of one counter to {@link CounterCorrections} and back: each correction becomes a contribution row
 * (event time, group-by fields, and per counter-delta measure the difference added and the change in valid
 * differences), in the columns {@link MeasureColumns} aggregates.
 */
final class CorrectionRows implements Serializable {

    private final int time;
    private final int fresh;
    private final int[] order;
    private final int[] registers;
    private final int[] groupBy;
    /** Per counter-delta measure: the index of its register. */
    private final int[] measureRegister;
    private final DataType[] measureType;
    private final StructType schema;
    private final CounterCorrections corrections;

    CorrectionRows(StructType in, JobSpec job, List<String> registerFields, CounterCorrections corrections) {
        this.corrections = corrections;
        this.time = in.fieldIndex(Columns.EVENT_TIME);
        this.fresh = in.fieldIndex(CounterContributions.FRESH);
        this.order = job.dedupKey().stream().mapToInt(in::fieldIndex).toArray();
        this.registers = registerFields.stream().mapToInt(in::fieldIndex).toArray();
        this.groupBy = job.groupBy().stream().mapToInt(in::fieldIndex).toArray();
        List<MeasureSpec> counters = job.measures().stream().filter(m -> m.kind() == MeasureKind.COUNTER_DELTA).toList();
        this.measureRegister = counters.stream().mapToInt(m -> registerFields.indexOf(m.field())).toArray();
        this.measureType = counters.stream().map(m -> in.apply(m.field()).dataType()).toArray(DataType[]::new);
        StructType out = new StructType().add(Columns.EVENT_TIME, DataTypes.TimestampType);
        for (int index : groupBy) {
            out = out.add(in.fields()[index].name(), in.fields()[index].dataType());
        }
        for (int i = 0; i < counters.size(); i++) {
            out = out.add(counters.get(i).name(), measureType[i]).add(MeasureColumns.counted(counters.get(i)),
                    DataTypes.LongType);
        }
        this.schema = out.add(CounterContributions.DROPPED, DataTypes.IntegerType);
    }

    StructType schema() {
        return schema;
    }

    Iterator<Row> apply(Iterator<Row> group) {
        Map<CounterCorrections.Reading, Row> rows = new IdentityHashMap<>();
        group.forEachRemaining(row -> rows.put(reading(row), row));
        List<Row> out = new ArrayList<>();
        for (CounterCorrections.Correction c : corrections.correct(new ArrayList<>(rows.keySet()))) {
            out.add(output(rows.get(c.reading()), c));
        }
        return out.iterator();
    }

    private CounterCorrections.Reading reading(Row row) {
        StringBuilder tieBreak = new StringBuilder();
        for (int index : order) {
            tieBreak.append(row.get(index)).append('\u0001');
        }
        BigDecimal[] values = new BigDecimal[registers.length];
        for (int i = 0; i < registers.length; i++) {
            Object value = row.get(registers[i]);
            values[i] = value instanceof BigDecimal d ? d : new BigDecimal(value.toString());
        }
        return new CounterCorrections.Reading(((Timestamp) row.get(time)).getTime(), tieBreak.toString(),
                row.getBoolean(fresh), values);
    }

    private Row output(Row source, CounterCorrections.Correction c) {
        Object[] values = new Object[schema.size()];
        int at = 0;
        values[at++] = source.get(time);
        for (int index : groupBy) {
            values[at++] = source.get(index);
        }
        for (int i = 0; i < measureRegister.length; i++) {
            BigDecimal delta = c.delta()[measureRegister[i]];
            values[at++] = delta == null ? null : typed(delta, measureType[i]);
            values[at++] = (long) c.counted()[measureRegister[i]];
        }
        values[at] = c.dropped();
        return RowFactory.create(values);
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
