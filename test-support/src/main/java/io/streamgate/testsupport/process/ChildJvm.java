package io.streamgate.testsupport.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A JVM that a test launched (an app, a cluster daemon, a driver), its output in a log file. The launchers of each
 * module say what to run; this holds the process: whether it lives, what it logged, and how it is stopped (SIGTERM
 * as an orchestrator sends it, or SIGKILL as a crash).
 */
public final class ChildJvm implements AutoCloseable {

    private static final Path JDK25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");
    private static final Duration GRACE = Duration.ofSeconds(30);

    private final String name;
    private final Path log;
    private final Process process;

    private ChildJvm(String name, Path log, Process process) {
        this.name = name;
        this.log = log;
        this.process = process;
    }

    /** The test JVM's own {@code java}: a JDK 17 in this build, which Spark needs. */
    public static String testJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** JDK 25 where installed, as the Spring apps are deployed; the test JVM's {@code java} elsewhere. */
    public static String newestJava() {
        return Files.isExecutable(JDK25) ? JDK25.toString() : testJava();
    }

    /** Starts {@code command} (its first element the {@code java} to run) with its output in {@code log}. */
    public static ChildJvm start(String name, Path log, List<String> command) {
        return start(name, log, command, Map.of());
    }

    /** As {@link #start(String, Path, List)}, with {@code env} added to the inherited environment. */
    public static ChildJvm start(String name, Path log, List<String> command, Map<String, String> env) {
        return launch(name, log, command, env, ProcessBuilder.Redirect.to(log.toFile()));
    }

    /**
     * As {@link #start(String, Path, List)}, but appending to {@code log}: a JVM started again on the same log (a
     * restarted broker) keeps what the ones before it wrote.
     */
    public static ChildJvm startAppending(String name, Path log, List<String> command) {
        return launch(name, log, command, Map.of(), ProcessBuilder.Redirect.appendTo(log.toFile()));
    }

    private static ChildJvm launch(String name, Path log, List<String> command, Map<String, String> env,
                                   ProcessBuilder.Redirect output) {
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true)
                    .redirectOutput(output);
            builder.environment().putAll(env);
            return new ChildJvm(name, log, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name + ": " + command, e);
        }
    }

    /** A loopback port nobody listens on now, for a child to bind. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Fails naming the JVM and its log if it has exited: a dead JVM would otherwise show only as a timeout. */
    public void assertAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with " + process.exitValue() + "; its log: " + log);
        }
    }

    /** What it has logged so far. */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path logFile() {
        return log;
    }

    /** True if it has ended within {@code within}. */
    public boolean waitFor(Duration within) throws InterruptedException {
        return process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** SIGTERM; true if it ended within {@code within}. */
    public boolean terminate(Duration within) throws InterruptedException {
        process.destroy();
        return waitFor(within);
    }

    /** SIGKILL, as a crash: no shutdown hook runs. Returns once it is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** {@link #stop(Duration)} with 30 s of grace. */
    @Override
    public void close() {
        stop(GRACE);
    }

    /**
     * Stops it gently (its shutdown hooks run: a Spark worker stops the executors it launched), then forcibly, with
     * whatever it started, if it has not ended within {@code grace}.
     */
    public void stop(Duration grace) {
        process.destroy();
        try {
            if (!waitFor(grace)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(grace.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
