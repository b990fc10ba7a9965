package io.streamgate.lakepeek;

/** A request lake-peek cannot answer, with a message for the person who asked (no stack trace). */
final class PeekException extends RuntimeException {

    PeekException(String message) {
        super(message);
    }
}
