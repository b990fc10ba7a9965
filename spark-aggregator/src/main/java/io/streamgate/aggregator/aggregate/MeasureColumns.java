package io.streamgate.aggregator.aggregate;

import io.streamgate.aggregator.job.JobSpec;
import io.streamgate.aggregator.job.MeasureKind;
import io.streamgate.aggregator.job.MeasureSpec;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DecimalType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.streamgate.aggregator.sql.Columns.col;
import static io.streamgate.aggregator.sql.Columns.quote;

/**
 * How each measure is kept as a partial aggregate that a MERGE can add to: sums and counts as they are (added),
 * min and max (least/greatest), avg as a hidden sum and count ({@code _<m>_sum}, {@code _<m>_count}) from which
 * the visible average is derived exactly as Spark's {@code avg} would, and counter deltas as a sum plus the number
 * of valid differences in it ({@code _<m>_n}), so a window whose differences were all corrected away reads null,
 * as a batch sum of nulls would.
 */
public final class MeasureColumns {

    private final JobSpec job;

    public MeasureColumns(JobSpec job) {
        this.job = job;
    }

    /** One contribution per reading, for every measure but counter deltas (which come from counter corrections). */
    public List<Column> plainContributions() {
        List<Column> columns = new ArrayList<>();
        for (MeasureSpec m : job.measures()) {
            Column value = m.field() == null ? functions.lit(1L) : col(m.field());
            switch (m.kind()) {
                case SUM, MIN, MAX -> columns.add(value.as(m.name()));
                case COUNT -> columns.add(functions.when(value.isNotNull(), 1L).as(m.name()));
                case AVG -> {
                    columns.add(value.as(sum(m)));
                    columns.add(functions.when(value.isNotNull(), 1L).as(count(m)));
                }
                case COUNTER_DELTA -> { }
            }
        }
        return columns;
    }

    /** The partial aggregate of a batch's contributions, hidden columns included. */
    public List<Column> partials() {
        List<Column> columns = new ArrayList<>();
        for (MeasureSpec m : job.measures()) {
            switch (m.kind()) {
                case SUM, COUNT -> columns.add(functions.sum(col(m.name())).as(m.name()));
                case MIN -> columns.add(functions.min(col(m.name())).as(m.name()));
                case MAX -> columns.add(functions.max(col(m.name())).as(m.name()));
                case AVG -> {
                    columns.add(functions.sum(col(sum(m))).as(sum(m)));
                    columns.add(functions.sum(col(count(m))).as(count(m)));
                }
                case COUNTER_DELTA -> {
                    columns.add(functions.sum(col(m.name())).as(m.name()));
                    columns.add(functions.sum(col(counted(m))).as(counted(m)));
                }
            }
        }
        return columns;
    }

    /** The table's columns after the window key: visible measures in declared order, then the hidden ones. */
    public List<Column> visibleThenHidden() {
        List<Column> visible = new ArrayList<>();
        List<Column> hidden = new ArrayList<>();
        for (MeasureSpec m : job.measures()) {
            switch (m.kind()) {
                case SUM, COUNT, MIN, MAX -> visible.add(col(m.name()));
                case AVG -> {
                    visible.add(functions.expr(average(m, quote(sum(m)), quote(count(m)))).as(m.name()));
                    hidden.add(col(sum(m)));
                    hidden.add(col(count(m)));
                }
                case COUNTER_DELTA -> {
                    // the plain sum, even where no valid difference is counted: a partial of corrections only (a late
                    // reading that replaces its successor's difference) adds to a window by it, and the MERGE's CASE
                    // (mergeAssignments) makes the total null where no difference is left. A new window's sum is null
                    // exactly when its count is 0, as corrections only ever reach windows already in the table.
                    visible.add(col(m.name()));
                    hidden.add(col(counted(m)));
                }
            }
        }
        visible.addAll(hidden);
        return visible;
    }

    /** SQL assignments that add the source partial ({@code s}) to the target window ({@code t}). */
    public Map<String, String> mergeAssignments() {
        Map<String, String> set = new LinkedHashMap<>();
        for (MeasureSpec m : job.measures()) {
            switch (m.kind()) {
                case SUM, COUNT -> set.put(quote(m.name()), added(m.name()));
                case MIN -> set.put(quote(m.name()), "least(" + t(m.name()) + ", " + s(m.name()) + ")");
                case MAX -> set.put(quote(m.name()), "greatest(" + t(m.name()) + ", " + s(m.name()) + ")");
                case AVG -> {
                    set.put(quote(sum(m)), added(sum(m)));
                    set.put(quote(count(m)), added(count(m)));
                    set.put(quote(m.name()), average(m, added(sum(m)), added(count(m))));
                }
                case COUNTER_DELTA -> {
                    String n = "coalesce(" + t(counted(m)) + ", 0) + coalesce(" + s(counted(m)) + ", 0)";
                    set.put(quote(counted(m)), n);
                    set.put(quote(m.name()), "CASE WHEN " + n + " > 0 THEN coalesce(" + t(m.name()) + ", 0) + coalesce("
                            + s(m.name()) + ", 0) END");
                }
            }
        }
        return set;
    }

    /** Spark's own avg: the sum (at the sum's type) divided by the count as a decimal(20,0), cast to avg's type. */
    private String average(MeasureSpec m, String sumExpr, String countExpr) {
        DataType type = DataType.fromDDL(job.input().typeOf(m.field()));
        if (type instanceof DecimalType d) {
            String sumType = "decimal(" + Math.min(38, d.precision() + 10) + "," + d.scale() + ")";
            String avgType = "decimal(" + Math.min(38, d.precision() + 4) + "," + Math.min(38, d.scale() + 4) + ")";
            return "CAST(CAST(" + sumExpr + " AS " + sumType + ") / CAST(" + countExpr + " AS decimal(20,0)) AS "
                    + avgType + ")";
        }
        return "CAST(" + sumExpr + " AS double) / CAST(" + countExpr + " AS double)";
    }

    private static String added(String column) {
        return "coalesce(" + t(column) + " + " + s(column) + ", " + t(column) + ", " + s(column) + ")";
    }

    private static String t(String column) {
        return quote("t", column);
    }

    private static String s(String column) {
        return quote("s", column);
    }

    static String sum(MeasureSpec m) {
        return "_" + m.name() + "_sum";
    }

    static String count(MeasureSpec m) {
        return "_" + m.name() + "_count";
    }

    /** The number of valid counter differences summed in a counter-delta measure. */
    public static String counted(MeasureSpec m) {
        return "_" + m.name() + "_n";
    }

    static boolean isCounter(MeasureSpec m) {
        return m.kind() == MeasureKind.COUNTER_DELTA;
    }
}
