package io.streamgate.aggregator.batch;

import io.streamgate.aggregator.aggregate.WindowPartials;
import io.streamgate.aggregator.counter.CounterContributions;
import io.streamgate.aggregator.job.JobSpec;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Readings to partial window aggregates: their plain contributions, plus for counter-delta measures the
 * corrections against their {@code neighbours} (existing readings of the same counters). With no neighbours and
 * every reading of a table, this is the whole table's windows as one batch computation (the rebuild).
 */
public final class Contributions {

    private Contributions() {
    }

    /** The contribution rows (plain and counter corrections) of {@code fresh}. */
    public static Dataset<Row> of(JobSpec job, Dataset<Row> fresh, Dataset<Row> neighbours) {
        Dataset<Row> contributions = new WindowPartials(job).contributions(fresh);
        if (!job.needsCounterDeltas()) {
            return contributions;
        }
        return contributions.unionByName(new CounterContributions(job).of(fresh, neighbours), true);
    }

    /** The partial windows of contribution rows (the {@code windows} table's schema). */
    public static Dataset<Row> windows(JobSpec job, Dataset<Row> contributions) {
        Dataset<Row> plain = job.needsCounterDeltas() ? contributions.drop(CounterContributions.DROPPED) : contributions;
        return new WindowPartials(job).aggregate(plain);
    }

    /** Every window of a table of events, as one batch computation. */
    public static Dataset<Row> rebuild(JobSpec job, Dataset<Row> events) {
        return windows(job, of(job, events, events.limit(0)));
    }
}
