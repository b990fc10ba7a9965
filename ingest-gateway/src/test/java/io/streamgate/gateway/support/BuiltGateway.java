package io.streamgate.gateway.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.streamgate.testsupport.process.ChildJvm;

/**
 * The jar this build made, run as its own JVM the way {@code run.sh} runs it ({@code -Xmx512m},
 * {@code -XX:+ExitOnOutOfMemoryError}), on the newest JDK present (25 where installed, as in the deployment).
 */
public final class BuiltGateway {

    private BuiltGateway() {
    }

    /** Starts the jar listening on {@code port}; {@code arguments} are the gateway's own. */
    public static ChildJvm start(Path log, int port, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(ChildJvm.newestJava(), "-Xmx512m",
                "-XX:+ExitOnOutOfMemoryError", "-jar", jar().toString(), "--server.port=" + port));
        command.addAll(arguments);
        return ChildJvm.start("gateway", log, command);
    }

    /** Failsafe passes the jar's path as {@code gateway.jar} (it runs after package). */
    private static Path jar() {
        String jar = System.getProperty("gateway.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("no gateway jar at " + jar + ": run as an integration test, after package");
        }
        return Path.of(jar);
    }
}
