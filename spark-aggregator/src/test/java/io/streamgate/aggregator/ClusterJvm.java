package io.streamgate.aggregator;

import io.streamgate.testsupport.process.ChildJvm;
import io.streamgate.testsupport.process.ExitWithParent;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How a JVM of a test cluster (master, worker, driver) is started: Java 17 with Spark's module openings, the module's
 * runtime classpath (Spark, Delta, the Kafka source; not our classes), output to a log file. It runs under
 * {@link ExitWithParent}, so it ends with the test JVM even when that is killed.
 */
final class ClusterJvm {

    /** Written by the build ({@code package}): Spark and what it needs at run time, without our own classes. */
    static final Path RUNTIME_CLASSPATH = Path.of(required("cluster.runtime.classpath"));
    /** The {@code --add-opens} flags Spark needs on Java 17, as a java {@code @argfile}. */
    static final Path JVM_OPTIONS = Path.of(required("cluster.jvm.options"));

    private ClusterJvm() {
    }

    /** Starts {@code mainClass} with {@code args}; {@code classpathHead} goes before the runtime jars. */
    static ChildJvm start(String name, Path logs, String heap, Map<String, String> env, List<String> classpathHead,
                          String mainClass, List<String> args) {
        List<String> command = new ArrayList<>(List.of(ChildJvm.testJava(),
                "@" + JVM_OPTIONS, "-Xmx" + heap, "-XX:+UseSerialGC",
                // short-lived: the C2 compiler would only compete with the work for the two cores
                "-XX:TieredStopAtLevel=1", "-cp", classpath(classpathHead),
                ExitWithParent.class.getName(), String.valueOf(ProcessHandle.current().pid()), mainClass));
        command.addAll(args);
        return ChildJvm.start(name, logs.resolve(name + ".log"), command, env);
    }

    static List<Path> runtimeJars() {
        try {
            return Files.readString(RUNTIME_CLASSPATH).trim().lines()
                    .flatMap(line -> List.of(line.split(File.pathSeparator)).stream())
                    .filter(entry -> !entry.isBlank()).map(Path::of).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("run the package phase first: " + RUNTIME_CLASSPATH, e);
        }
    }

    private static String classpath(List<String> head) {
        List<String> entries = new ArrayList<>(head);
        entries.add(codeSource(ExitWithParent.class));
        runtimeJars().forEach(jar -> entries.add(jar.toString()));
        return String.join(File.pathSeparator, entries);
    }

    private static String codeSource(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set (the build sets it)");
        }
        return value;
    }
}
