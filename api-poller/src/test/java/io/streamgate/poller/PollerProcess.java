package io.streamgate.poller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/**
 * A poller in a JVM of its own, as deploy/ runs it, on this test's classpath: started with command-line properties,
 * stopped as an orchestrator stops it (SIGTERM), started again with other properties.
 */
final class PollerProcess implements AutoCloseable {

    private static final String PASSWORD = "process-operator-secret";

    private final Process process;
    private final int port;
    private final Path log;

    private PollerProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** The command that starts a poller; its properties follow. */
    static List<String> command() {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), PollerApplication.class.getName()));
    }

    /** Starts a poller with its operator endpoint on a free port, and waits until that answers. */
    static PollerProcess start(Path log, List<String> properties) throws IOException {
        int port = freePort();
        List<String> command = command();
        command.addAll(List.of("--server.port=" + port, "--streamgate.management.password=" + PASSWORD,
                "--spring.main.banner-mode=off", "--logging.level.root=WARN"));
        command.addAll(properties);
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PollerProcess poller = new PollerProcess(process, port, log);
        await().atMost(Duration.ofMinutes(2)).until(() -> !process.isAlive() || poller.answers());
        assertThat(process.isAlive()).as("the poller died at start; see %s", log).isTrue();
        return poller;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private boolean answers() {
        try {
            return RestAssured.given().port(port).get("/actuator/health/liveness").statusCode() == 200;
        } catch (Exception e) { // RestAssured throws ConnectException undeclared
            return false; // not listening yet
        }
    }

    /** A request to its operator endpoint, with the operator's credentials. */
    RequestSpecification ops() {
        return RestAssured.given().port(port).auth().preemptive().basic("operator", PASSWORD);
    }

    /** What it has logged so far. */
    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGTERM, and waits until it has shut down. */
    void stop() throws InterruptedException {
        process.destroy();
        assertThat(process.waitFor(1, TimeUnit.MINUTES)).as("stopped within a minute; see %s", log).isTrue();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }
}
