package io.streamgate.gateway.verify;

/**
 * What checking a request's signature found. Only {@link #VERIFIED} lets a request through; the others are all the
 * same 401 to the caller (who must not learn which part failed) and differ only in the operator's metrics.
 */
public enum Verdict {
    VERIFIED,
    /** A header the scheme needs is absent. */
    MISSING,
    /** A header is there but cannot be parsed (no {@code t=}, not hex, not a number...). */
    MALFORMED,
    /** No signature matches the body under any of the source's secrets. */
    MISMATCH,
    /** The signature matches but its timestamp is further from now than the tolerance, either way. */
    OUTSIDE_TOLERANCE;

    /** The value of the {@code reason} tag of the rejection metric. */
    public String reason() {
        return "signature-" + name().toLowerCase().replace('_', '-');
    }
}
