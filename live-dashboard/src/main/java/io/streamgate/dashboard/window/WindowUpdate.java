package io.streamgate.dashboard.window;

import java.time.Instant;
import java.util.Map;

/**
 * One window's current totals as the aggregator last published them.
 *
 * @param job the job the window belongs to
 * @param key identifies the window within its job: its bounds and group-by values (the Kafka record key)
 * @param seq the order in which the dashboard took the updates in: a browser keeps, per key, the highest it saw
 * @param group the group-by fields and their values
 * @param measures the measures (null where the aggregator published none, e.g. a counter delta with no difference)
 */
public record WindowUpdate(String job, String key, long seq, Instant windowStart, Instant windowEnd,
        Map<String, Object> group, Map<String, Number> measures) {

    /** The store's key: a key is unique within its job only. */
    String storeKey() {
        return storeKey(job, key);
    }

    static String storeKey(String job, String key) {
        return job + "\u0000" + key;
    }

    WindowUpdate withSeq(long sequence) {
        return new WindowUpdate(job, key, sequence, windowStart, windowEnd, group, measures);
    }
}
