package io.streamgate.aggregator.counter;

import io.streamgate.aggregator.job.JobSpec;
import io.streamgate.aggregator.job.MeasureKind;
import io.streamgate.aggregator.job.MeasureSpec;
import io.streamgate.aggregator.sql.Columns;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static io.streamgate.aggregator.sql.Columns.col;

/**
 * The counter-delta contributions of a batch: its new readings, with the existing readings of the same counters
 * from {@code events} around them, grouped by counter and corrected by {@link CounterCorrections}. No streaming
 * state: a counter's history is its rows in {@code events}, which keep the raw register values.
 */
public final class CounterContributions {

    /** Registers whose new difference the rules rejected, per correction row (for the metric). */
    public static final String DROPPED = "_dropped";
    static final String FRESH = "_fresh";

    private final JobSpec job;
    private final List<String> registers;
    private final Duration gap;

    public CounterContributions(JobSpec job) {
        this.job = job;
        this.registers = job.measures().stream().filter(m -> m.kind() == MeasureKind.COUNTER_DELTA)
                .map(MeasureSpec::field).distinct().toList();
        Duration maxGap = job.counter().maxGapDuration();
        // A difference over more than the horizon is dropped like one over max-gap: so the neighbours a new reading
        // can change are always within reach of a bounded, partition-pruned read of events.
        this.gap = maxGap == null || maxGap.compareTo(job.horizonDuration()) > 0 ? job.horizonDuration() : maxGap;
    }

    /** How far apart two readings may be for their difference to count. */
    public Duration gap() {
        return gap;
    }

    /**
     * @param fresh     the batch's accepted readings (events schema)
     * @param neighbours existing readings of the same counters within {@link #gap()} of them, none of this batch
     */
    public Dataset<Row> of(Dataset<Row> fresh, Dataset<Row> neighbours) {
        List<String> inputs = inputColumns();
        Dataset<Row> readings = neighbours.select(Columns.cols(inputs)).withColumn(FRESH, functions.lit(false))
                .unionByName(fresh.select(Columns.cols(inputs)).withColumn(FRESH, functions.lit(true)));
        StructType in = readings.schema();
        int[] keys = job.counter().key().stream().mapToInt(in::fieldIndex).toArray();
        CorrectionRows rows = new CorrectionRows(in, job, registers,
                new CounterCorrections(new CounterRules(job.counter().maxDelta(), gap)));
        return readings
                .groupByKey((MapFunction<Row, String>) r -> counterKey(r, keys), Encoders.STRING())
                .flatMapGroups((FlatMapGroupsFunction<String, Row, Row>) (key, group) -> rows.apply(group),
                        Encoders.row(rows.schema()));
    }

    /** The existing readings of the counters in {@code fresh} within reach of them. */
    public Dataset<Row> neighbours(Dataset<Row> events, Dataset<Row> fresh, Row timeRange) {
        Timestamp from = new Timestamp(((Timestamp) timeRange.get(0)).getTime() - gap.toMillis());
        Timestamp to = new Timestamp(((Timestamp) timeRange.get(1)).getTime() + gap.toMillis());
        Column dates = col(Columns.EVENT_DATE).between(functions.to_date(functions.lit(from)),
                functions.to_date(functions.lit(to)));
        Dataset<Row> counters = fresh.select(Columns.cols(job.counter().key())).distinct();
        return events.filter(dates.and(col(Columns.EVENT_TIME).between(from, to)))
                .join(functions.broadcast(counters), Columns.names(job.counter().key()), "left_semi");
    }

    private List<String> inputColumns() {
        Set<String> columns = new LinkedHashSet<>(job.counter().key());
        columns.addAll(job.dedupKey());
        columns.add(Columns.EVENT_TIME);
        columns.addAll(registers);
        columns.addAll(job.groupBy());
        return new ArrayList<>(columns);
    }

    private static String counterKey(Row row, int[] keys) {
        StringBuilder key = new StringBuilder();
        for (int index : keys) {
            key.append(row.get(index)).append('\u0001');
        }
        return key.toString();
    }
}
