package io.streamgate.e2e;

import static org.awaitility.Awaitility.await;

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

import io.streamgate.testsupport.process.ChildJvm;

/**
 * The apps as the local run starts them (see run.sh), each in its own JVM on free ports: the gateway, the provider
 * simulator serving a fixed feed, the poller pulling it, the aggregator in {@code local[2]} running the
 * {@code mta-turnstile} job with its changed windows published to {@value #WINDOWS_TOPIC}, and the live dashboard
 * showing them. Their builds are found relative to this module ({@code -De2e.root} points elsewhere).
 */
final class Pipeline implements AutoCloseable {

    static final String API_KEY = "demo-key";
    static final String WEBHOOK_SECRET = "demo-webhook-secret";
    static final String JOB = "mta-turnstile";
    static final String WINDOWS_TOPIC = "windows." + JOB;

    private static final Path ROOT = Path.of(System.getProperty("e2e.root", "..")).toAbsolutePath().normalize();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final List<ChildJvm> apps = new ArrayList<>();
    private final Path work;
    private final Path logs;
    private final int gatewayPort = ChildJvm.freePort();
    private final int simulatorPort = ChildJvm.freePort();
    private final int pollerPort = ChildJvm.freePort();
    private final int aggregatorMetricsPort = ChildJvm.freePort();
    private final int dashboardPort = ChildJvm.freePort();

    private Pipeline(Path work, Path logs) {
        this.work = work;
        this.logs = logs;
    }

    /**
     * Starts every app and returns once the gateway is ready and the simulator serves. The simulator publishes
     * {@code history} audits of {@code turnstiles} turnstiles and no more (its ticker is set to a day), without chaos.
     * The lake and checkpoints go to {@code work}, each app's output to {@code logs/<app>.log}.
     */
    static Pipeline start(String bootstrap, Path work, Path logs, int turnstiles, int history) {
        Pipeline pipeline = new Pipeline(work, logs);
        try {
            pipeline.launch(bootstrap, turnstiles, history);
            pipeline.awaitReady();
            return pipeline;
        } catch (RuntimeException | Error e) {
            pipeline.close();
            throw e;
        }
    }

    URI gateway() {
        return URI.create("http://127.0.0.1:" + gatewayPort);
    }

    URI simulator() {
        return URI.create("http://127.0.0.1:" + simulatorPort);
    }

    URI dashboard() {
        return URI.create("http://127.0.0.1:" + dashboardPort);
    }

    Path windows() {
        return work.resolve("lake/" + JOB + "/windows");
    }

    void assertAlive() {
        apps.forEach(ChildJvm::assertAlive);
    }

    private void launch(String bootstrap, int turnstiles, int history) {
        Path gatewayJar = existing("ingest-gateway/target/ingest-gateway-0.1.0-SNAPSHOT.jar");
        Path pollerJar = existing("api-poller/target/api-poller-0.1.0-SNAPSHOT.jar");
        Path dashboardJar = existing("live-dashboard/target/live-dashboard-0.1.0-SNAPSHOT.jar");
        String aggregatorClasspath = existing("spark-aggregator/target/classes") + java.io.File.pathSeparator
                + read(existing("spark-aggregator/target/runtime.classpath"));
        startApp("simulator", List.of("-Xmx128m", "-cp", pollerJar.toString(),
                "-Dloader.main=io.streamgate.poller.simulator.SimulatorMain",
                "org.springframework.boot.loader.launch.PropertiesLauncher", "--port", String.valueOf(simulatorPort),
                "--turnstiles", String.valueOf(turnstiles), "--history-ticks", String.valueOf(history),
                "--tick-every", "PT24H", "--chaos", "0"));
        startApp("gateway", List.of("-Xmx384m", "-XX:TieredStopAtLevel=1", "-jar",
                gatewayJar.toString(), "--spring.profiles.active=local", "--server.port=" + gatewayPort,
                "--spring.kafka.bootstrap-servers=" + bootstrap));
        startApp("poller", List.of("-Xmx384m", "-XX:TieredStopAtLevel=1", "-jar",
                pollerJar.toString(), "--spring.profiles.active=local", "--server.port=" + pollerPort,
                "--spring.kafka.bootstrap-servers=" + bootstrap, "--simulator.url=" + simulator(),
                // the local profile sends the feed's cumulative registers to mta.turnstile.registers; this test counts
                // every reading of all three channels once in one job, so it pulls them into the pushed readings' topic
                "--streamgate.poller.sources.mta-turnstile.topic=mta.turnstile"));
        startApp("aggregator", List.of(
                "@" + existing("spark-aggregator/src/main/jvm/spark-java17.options"), "-Xmx1g", "-XX:+UseParallelGC",
                "-Dspark.driver.host=127.0.0.1", "-Dspark.driver.bindAddress=127.0.0.1", "-Dspark.ui.enabled=false",
                "-Dspark.sql.shuffle.partitions=2",
                "-cp", aggregatorClasspath, "io.streamgate.aggregator.AggregatorMain",
                "--master", "local[2]", "--bootstrap-servers", bootstrap,
                "--lake", work.resolve("lake").toString(), "--checkpoints", work.resolve("checkpoints").toString(),
                "--jobs", publishingJob().toString(), "--trigger", "PT5S",
                "--metrics-port", String.valueOf(aggregatorMetricsPort)));
        startApp("dashboard", List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar",
                dashboardJar.toString(), "--server.port=" + dashboardPort, "--spring.kafka.bootstrap-servers=" + bootstrap,
                "--streamgate.dashboard.health.services.gateway=" + gateway().resolve("/actuator/health"),
                "--streamgate.dashboard.health.services.poller=http://127.0.0.1:" + pollerPort + "/actuator/health",
                "--streamgate.dashboard.health.services.aggregator=http://127.0.0.1:" + aggregatorMetricsPort
                        + "/metrics"));
    }

    /** Starts {@code java <javaArgs>} with the test JVM's own java (a JDK 17, which every app runs on). */
    private void startApp(String name, List<String> javaArgs) {
        List<String> command = new ArrayList<>(List.of(ChildJvm.testJava()));
        command.addAll(javaArgs);
        apps.add(ChildJvm.start(name, logs.resolve(name + ".log"), command));
    }

    /** The bundled job with a Kafka sink for its changed windows, as run.sh writes it. */
    private Path publishingJob() {
        String bundled = read(existing("spark-aggregator/src/main/resources/jobs/" + JOB + ".yaml"));
        if (bundled.lines().anyMatch(line -> line.startsWith("sinks:"))) {
            throw new IllegalStateException("the bundled " + JOB + " job has sinks now: add the Kafka one there");
        }
        try {
            Path job = Files.createDirectories(work.resolve("jobs")).resolve(JOB + ".yaml");
            return Files.writeString(job, bundled + "\nsinks: {kafka: {topic: " + WINDOWS_TOPIC + "}}\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady() {
        await("gateway and dashboard ready, simulator serving").atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500)).until(() -> {
                    assertAlive();
                    return ok(gateway().resolve("/actuator/health/readiness"))
                            && ok(dashboard().resolve("/actuator/health/readiness"))
                            && ok(simulator().resolve("/turnstile/rows.csv?$limit=1"));
                });
    }

    private static boolean ok(URI uri) {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Path existing(String relative) {
        Path path = ROOT.resolve(relative);
        if (!Files.exists(path)) {
            throw new IllegalStateException(path + " is missing: package the apps first (./mvnw package -DskipTests)");
        }
        return path;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the apps in reverse order of start. */
    @Override
    public void close() {
        for (int i = apps.size() - 1; i >= 0; i--) {
            apps.get(i).close();
        }
    }
}
