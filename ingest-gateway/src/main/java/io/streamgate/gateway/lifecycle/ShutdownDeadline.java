package io.streamgate.gateway.lifecycle;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.stereotype.Component;

/**
 * Bounds the stop: once the context starts closing, the process halts at {@link ShutdownProperties#grace()} if it
 * has not ended by then. Graceful shutdown waits for requests only up to its phase timeout, but anything else can
 * still hold the JVM (a shutdown hook, a close waiting on an unreachable broker, a non-daemon thread), and a process
 * that ignores SIGTERM is only ever ended by SIGKILL, without a word in its log.
 */
@Component
class ShutdownDeadline implements ApplicationListener<ContextClosedEvent> {

    private static final Logger log = LoggerFactory.getLogger(ShutdownDeadline.class);

    private final ShutdownProperties properties;

    ShutdownDeadline(ShutdownProperties properties) {
        this.properties = properties;
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "shutdown-deadline");
            thread.setDaemon(true); // it must not itself keep the JVM alive
            return thread;
        });
        timer.schedule(() -> {
            log.error("still stopping after streamgate.shutdown.grace={}: halting", properties.grace());
            Runtime.getRuntime().halt(1);
        }, properties.grace().toMillis(), TimeUnit.MILLISECONDS);
    }
}
