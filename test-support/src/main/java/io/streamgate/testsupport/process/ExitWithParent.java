package io.streamgate.testsupport.process;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Runs another class's {@code main} in a JVM that a test launched, and ends that JVM when the test's JVM ends, so a
 * killed test run never leaves it behind (the broker's {@code KafkaBrokerMain --parent-pid} calls {@link #watch} itself).
 * {@link System#exit} runs the shutdown hooks, so a Spark worker still stops the executors it launched.
 *
 * <pre>
 * java -cp ... io.streamgate.testsupport.process.ExitWithParent PARENT_PID MAIN_CLASS [ARGS...]
 * </pre>
 */
public final class ExitWithParent {

    private ExitWithParent() {
    }

    /** Ends this JVM when process {@code parentPid} ends, or at once if it has already ended. */
    public static void watch(long parentPid) {
        ProcessHandle.of(parentPid).ifPresentOrElse(
                parent -> parent.onExit().thenRun(() -> System.exit(0)),
                () -> System.exit(0));
    }

    public static void main(String[] args) throws Throwable {
        if (args.length < 2) {
            System.err.println("usage: ExitWithParent PARENT_PID MAIN_CLASS [ARGS...]");
            System.exit(2);
        }
        watch(Long.parseLong(args[0]));
        Method main = Class.forName(args[1]).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
