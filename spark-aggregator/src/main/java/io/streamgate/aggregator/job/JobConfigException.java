package io.streamgate.aggregator.job;

/** A job file that cannot run; the message names the file and the offending key. */
public final class JobConfigException extends RuntimeException {

    JobConfigException(String source, String key, String problem) {
        super(source + ": " + key + ": " + problem);
    }

    JobConfigException(String source, String key, String problem, Throwable cause) {
        super(source + ": " + key + ": " + problem, cause);
    }
}
