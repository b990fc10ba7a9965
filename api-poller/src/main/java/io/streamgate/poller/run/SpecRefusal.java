package io.streamgate.poller.run;

import java.util.List;

/**
 * A source whose stored cursor was written under another spec and whose config says to refuse
 * ({@code on-spec-change: refuse}, the default): its runs fail with this one line, naming the source, what changed
 * and the command that resolves it, until an operator resets it.
 */
public final class SpecRefusal extends RuntimeException {

    private final String changes;

    SpecRefusal(String id, List<String> changes, boolean incremental) {
        super("source " + id + " refuses to run: its stored cursor was written under another spec ("
                + String.join("; ", changes) + "); "
                + (incremental ? "to go on from a cursor value of the new field run " + resetCommand(id)
                        + "?cursor=<value>, to read the feed afresh " : "to read the feed afresh run ")
                + resetCommand(id) + ", or set on-spec-change: reset", null, false, false);
        this.changes = String.join("; ", changes);
    }

    /** What changed, {@code key old -> new} separated by {@code ;}. */
    public String changes() {
        return changes;
    }

    public static String resetCommand(String id) {
        return "POST /ops/sources/" + id + "/reset";
    }
}
