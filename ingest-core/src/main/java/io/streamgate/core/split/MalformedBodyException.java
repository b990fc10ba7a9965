package io.streamgate.core.split;

/**
 * A request or response body that cannot be split into records. {@link #index()} is the 0-based record (line,
 * element or row) where splitting failed, or -1 when the body as a whole is wrong.
 */
public final class MalformedBodyException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final int index;

    public MalformedBodyException(String message, int index) {
        super(message);
        this.index = index;
    }

    public int index() {
        return index;
    }
}
