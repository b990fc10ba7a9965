package io.streamgate.testsupport.kafka;

import io.streamgate.testsupport.process.ChildJvm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A single-node KRaft broker in its own JVM ({@link KafkaBrokerMain}), on free loopback ports, with its data in a
 * temporary folder. The broker's classpath comes from the {@code kafka-broker.classpath} resource that the build of
 * this module writes, so the test JVM never loads a Kafka server class.
 */
public final class ProcessKafkaBroker implements KafkaBroker {

    // by name: the test JVM must not load a class that links against Kafka's server jars
    private static final String BROKER_MAIN = "io.streamgate.testsupport.kafka.KafkaBrokerMain";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private final List<String> extraConfig;
    private ChildJvm jvm;

    private ProcessKafkaBroker(Path dataDir, int port, int controllerPort, List<String> extraConfig) {
        this.dataDir = dataDir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.extraConfig = extraConfig;
    }

    /** Starts a broker on free ports with a fresh data folder; {@code config} entries are {@code key=value}. */
    public static ProcessKafkaBroker startFresh(String... config) {
        try {
            ProcessKafkaBroker broker = new ProcessKafkaBroker(Files.createTempDirectory("streamgate-kafka-"),
                    ChildJvm.freePort(), ChildJvm.freePort(), List.of(config));
            broker.start();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    @Override
    public boolean restartable() {
        return true;
    }

    /** The broker JVM's process id, for tests that check it is gone; -1 while stopped. */
    public synchronized long pid() {
        return jvm == null ? -1 : jvm.pid();
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public synchronized void start() {
        if (jvm != null && jvm.isAlive()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of(
                ChildJvm.testJava(), "-Xms256m", "-Xmx1g", "-XX:+UseSerialGC",
                "-cp", brokerClasspath(),
                BROKER_MAIN,
                "--data-dir", dataDir.toString(),
                "--port", String.valueOf(port),
                "--controller-port", String.valueOf(controllerPort),
                "--parent-pid", String.valueOf(ProcessHandle.current().pid())));
        for (String kv : extraConfig) {
            command.add("--config");
            command.add(kv);
        }
        try {
            Files.deleteIfExists(dataDir.resolve(KafkaBrokerMain.READY_FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        jvm = ChildJvm.startAppending("the Kafka broker", dataDir.resolve("broker.log"), command);
        awaitReady();
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        Path ready = dataDir.resolve(KafkaBrokerMain.READY_FILE);
        while (!Files.exists(ready)) {
            jvm.assertAlive();
            if (Instant.now().isAfter(deadline)) {
                jvm.stop(Duration.ZERO);
                throw new IllegalStateException("the Kafka broker did not become ready within " + START_TIMEOUT
                        + "; its log: " + dataDir.resolve("broker.log"));
            }
            try {
                // wait for the broker's own exit or 100 ms, whichever comes first: a start-up poll, not a test sleep
                jvm.waitFor(Duration.ofMillis(100));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the Kafka broker", e);
            }
        }
    }

    @Override
    public synchronized void stop() {
        if (jvm == null) {
            return;
        }
        jvm.stop(STOP_TIMEOUT);
        jvm = null;
    }

    @Override
    public void close() {
        stop();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: the folder is under the system temp dir
        }
    }

    /** The Kafka server jars resolved at build time, plus this module's own classes for {@link KafkaBrokerMain}. */
    static String brokerClasspath() {
        try (InputStream in = ProcessKafkaBroker.class.getResourceAsStream("kafka-broker.classpath")) {
            if (in == null) {
                throw new IllegalStateException("kafka-broker.classpath is missing: build the test-support module");
            }
            String jars = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            String self = Path.of(ProcessKafkaBroker.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toString();
            return self + java.io.File.pathSeparator + jars;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
