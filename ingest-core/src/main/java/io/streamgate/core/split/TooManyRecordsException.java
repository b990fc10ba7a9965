package io.streamgate.core.split;

/**
 * A body holds more records than its caller takes. Thrown by a splitter as soon as it finds record
 * {@code limit + 1}, so that a body over the limit is never split (nor held in memory) as a whole.
 */
public final class TooManyRecordsException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final int limit;

    public TooManyRecordsException(int limit) {
        super("the body holds more than " + limit + " records");
        this.limit = limit;
    }

    public int limit() {
        return limit;
    }

    /** Checks that {@code count} records (counted so far) are within {@code limit}. */
    static void check(int count, int limit) {
        if (count > limit) {
            throw new TooManyRecordsException(limit);
        }
    }
}
