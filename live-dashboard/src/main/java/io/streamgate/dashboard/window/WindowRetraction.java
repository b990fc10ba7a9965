package io.streamgate.dashboard.window;

/**
 * A window the aggregator no longer has (a tombstone on its topic after a rebuild under a new spec).
 *
 * @param job the job the window belonged to
 * @param key the window's key within its job
 * @param seq the order in which the dashboard took it in: a browser drops the window if what it holds is older
 */
public record WindowRetraction(String job, String key, long seq) {
}
