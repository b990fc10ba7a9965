package io.streamgate.poller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import io.streamgate.testsupport.process.ChildJvm;

/**
 * A poller in a JVM of its own, as deploy/ runs it, on this test's classpath: started with command-line properties,
 * stopped as an orchestrator stops it (SIGTERM), started again with other properties.
 */
final class PollerProcess implements AutoCloseable {

    private static final String PASSWORD = "process-operator-secret";

    private final ChildJvm jvm;
    private final int port;

    private PollerProcess(ChildJvm jvm, int port) {
        this.jvm = jvm;
        this.port = port;
    }

    /** Starts {@code java ... PollerApplication} with {@code properties}, its output in {@code log}. */
    static ChildJvm launch(Path log, List<String> properties) {
        List<String> command = new ArrayList<>(List.of(ChildJvm.testJava(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), PollerApplication.class.getName()));
        command.addAll(properties);
        return ChildJvm.start("poller", log, command);
    }

    /** Starts a poller with its operator endpoint on a free port, and waits until that answers. */
    static PollerProcess start(Path log, List<String> properties) {
        int port = ChildJvm.freePort();
        List<String> arguments = new ArrayList<>(List.of("--server.port=" + port,
                "--streamgate.management.password=" + PASSWORD, "--spring.main.banner-mode=off",
                "--logging.level.root=WARN"));
        arguments.addAll(properties);
        PollerProcess poller = new PollerProcess(launch(log, arguments), port);
        await().atMost(Duration.ofMinutes(2)).until(() -> !poller.jvm.isAlive() || poller.answers());
        poller.jvm.assertAlive();
        return poller;
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
        return jvm.log();
    }

    /** SIGTERM, and waits until it has shut down. */
    void stop() throws InterruptedException {
        assertThat(jvm.terminate(Duration.ofMinutes(1))).as("stopped within a minute; see %s", jvm.logFile())
                .isTrue();
    }

    @Override
    public void close() throws InterruptedException {
        jvm.kill();
    }
}
