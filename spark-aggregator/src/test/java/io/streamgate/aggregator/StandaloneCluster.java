package io.streamgate.aggregator;

import io.streamgate.testsupport.process.ChildJvm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * A Spark standalone cluster on loopback, every daemon its own JVM started from the Maven artifacts: a master and
 * workers ({@code org.apache.spark.deploy.master.Master} / {@code worker.Worker} from spark-core), and drivers
 * submitted through {@code SparkSubmit} in client mode.
 *
 * <p>A worker launches each executor with the classpath of a Spark distribution, {@code $SPARK_HOME/jars/*}; here
 * that folder holds links to the module's runtime jars, so the executors run the same Spark as everything else and
 * get the application's own classes only from the jar the driver ships. Its {@code conf/} (on the executors'
 * classpath) keeps Spark's logs at WARN but the executors' task lines, which show where tasks ran.
 */
final class StandaloneCluster implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern ALIVE_WORKERS = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)");
    private static final String LOG4J = """
            rootLogger.level = warn
            rootLogger.appenderRef.stderr.ref = console
            appender.console.type = Console
            appender.console.name = console
            appender.console.target = SYSTEM_ERR
            appender.console.layout.type = PatternLayout
            appender.console.layout.pattern = %d{HH:mm:ss.SSS} %p %c{1}: %m%n
            logger.executor.name = org.apache.spark.executor.Executor
            logger.executor.level = info
            logger.streamgate.name = io.streamgate
            logger.streamgate.level = info
            """;

    private final Path dir;
    private final Path sparkHome;
    private final String masterUrl;
    private final List<ChildJvm> daemons = new ArrayList<>();
    private final List<Path> workerDirs = new ArrayList<>();

    private StandaloneCluster(Path dir, Path sparkHome, String masterUrl) {
        this.dir = dir;
        this.sparkHome = sparkHome;
        this.masterUrl = masterUrl;
    }

    /** A master and {@code workers} workers of {@code cores} cores and {@code memory} each, all registered. */
    static StandaloneCluster start(Path dir, int workers, int cores, String memory) {
        int port = ChildJvm.freePort();
        int webUiPort = ChildJvm.freePort();
        StandaloneCluster cluster = new StandaloneCluster(dir, sparkHome(dir.resolve("spark-home")),
                "spark://127.0.0.1:" + port);
        try {
            cluster.daemons.add(cluster.jvm("master", "256m", "org.apache.spark.deploy.master.Master",
                    List.of("--host", "127.0.0.1", "--port", String.valueOf(port),
                            "--webui-port", String.valueOf(webUiPort))));
            for (int i = 1; i <= workers; i++) {
                Path workDir = Files.createDirectories(dir.resolve("worker-" + i));
                cluster.workerDirs.add(workDir);
                cluster.daemons.add(cluster.jvm("worker-" + i, "256m", "org.apache.spark.deploy.worker.Worker",
                        List.of("--host", "127.0.0.1", "--cores", String.valueOf(cores), "--memory", memory,
                                "--work-dir", workDir.toString(), "--webui-port", "0", cluster.masterUrl)));
            }
            URI status = URI.create("http://127.0.0.1:" + webUiPort + "/json/");
            await("all " + workers + " workers registered with the master").atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(500)).ignoreExceptionsInstanceOf(IOException.class)
                    .until(() -> {
                        cluster.daemons.forEach(ChildJvm::assertAlive);
                        return aliveWorkers(status) == workers;
                    });
            return cluster;
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    String masterUrl() {
        return masterUrl;
    }

    /**
     * Submits {@code mainClass} from {@code appJar} in client mode: the driver runs in a JVM of its own with the
     * runtime jars and the application jar only, and ships the jar to the executors.
     */
    ChildJvm submit(String name, Path appJar, String mainClass, Map<String, String> conf, List<String> appArgs) {
        List<String> args = new ArrayList<>(List.of("--master", masterUrl, "--deploy-mode", "client",
                "--class", mainClass, "--name", name));
        conf.forEach((key, value) -> args.addAll(List.of("--conf", key + "=" + value)));
        args.add(appJar.toString());
        args.addAll(appArgs);
        return jvm(name, "1g", "org.apache.spark.deploy.SparkSubmit", args);
    }

    /** The stderr of every executor the workers launched ({@code <work-dir>/<app>/<executor>/stderr}). */
    List<Path> executorLogs() {
        List<Path> logs = new ArrayList<>();
        for (Path workDir : workerDirs) {
            try (Stream<Path> files = Files.find(workDir, 3, (p, a) -> p.getFileName().toString().equals("stderr"))) {
                files.forEach(logs::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return logs;
    }

    List<Path> workerDirs() {
        return workerDirs;
    }

    /** Stops the daemons, workers before the master (a worker's shutdown stops its executors). */
    @Override
    public void close() {
        for (int i = daemons.size() - 1; i >= 0; i--) {
            daemons.get(i).close();
        }
    }

    private ChildJvm jvm(String name, String heap, String mainClass, List<String> args) {
        Map<String, String> env = Map.of(
                "SPARK_HOME", sparkHome.toString(),
                // the launcher that builds the executors' command line asks for it when there is no build tree
                "SPARK_SCALA_VERSION", "2.12",
                "SPARK_LOCAL_IP", "127.0.0.1");
        return ClusterJvm.start(name, dir.resolve("logs"), heap, env, List.of(sparkHome.resolve("conf").toString()),
                mainClass, args);
    }

    private static Path sparkHome(Path home) {
        try {
            Path jars = Files.createDirectories(home.resolve("jars"));
            List<Path> runtime = ClusterJvm.runtimeJars();
            for (int i = 0; i < runtime.size(); i++) {
                // numbered: two artifacts may share a file name
                Files.createSymbolicLink(jars.resolve("%03d-%s".formatted(i, runtime.get(i).getFileName())),
                        runtime.get(i).toAbsolutePath());
            }
            Files.writeString(Files.createDirectories(home.resolve("conf")).resolve("log4j2.properties"), LOG4J);
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int aliveWorkers(URI status) throws IOException, InterruptedException {
        String body = HTTP.send(HttpRequest.newBuilder(status).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = ALIVE_WORKERS.matcher(body);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }
}
