package io.streamgate.poller.source;

/** What an HTTP error status does to a run ({@code on-status} in a source's config). */
public enum StatusAction {
    /** The run ends there as on an empty page: nothing produced from it, the cursor kept, the run a success. */
    IGNORE,
    /** Attempted again with the source's backoff, as 408, 429 and 5xx are by default. */
    RETRY,
    /** The run fails at once, without another attempt; the scheduler backs the source off. */
    FAIL
}
