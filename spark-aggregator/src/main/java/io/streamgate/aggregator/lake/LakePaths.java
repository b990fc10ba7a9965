package io.streamgate.aggregator.lake;

/**
 * Where a job's tables and checkpoints live: {@code <lake>/<job>/{events,windows,quarantine,ledger,export/<format>}}
 * and {@code <checkpoints>/<job>/<query>}. Works for local paths and object-store URIs ({@code s3a://...}).
 */
public record LakePaths(String lake, String checkpoints, String job) {

    public String events() {
        return table("events");
    }

    public String windows() {
        return table("windows");
    }

    public String quarantine() {
        return table("quarantine");
    }

    /** Per micro-batch: rows left out as late or duplicate, with samples, and the offsets read. */
    public String ledger() {
        return table("ledger");
    }

    public String export(String format) {
        return table("export/" + format);
    }

    public String checkpoint(String query) {
        return strip(checkpoints) + "/" + job + "/" + query;
    }

    private String table(String name) {
        return strip(lake) + "/" + job + "/" + name;
    }

    private static String strip(String root) {
        return root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
    }
}
