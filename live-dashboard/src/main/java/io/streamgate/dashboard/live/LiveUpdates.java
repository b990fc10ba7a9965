package io.streamgate.dashboard.live;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import io.streamgate.dashboard.config.DashboardProperties;
import io.streamgate.dashboard.health.ServiceStatus;
import io.streamgate.dashboard.window.WindowRetraction;
import io.streamgate.dashboard.window.WindowStore;
import io.streamgate.dashboard.window.WindowUpdate;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The browsers' event streams. A new stream first gets {@code snapshot} (every window kept) and {@code health},
 * then {@code window} for each accepted update, {@code retract} for each window removed and {@code health} after
 * each poll. Every send runs on one thread, in order: a stream is registered in the same step that reads its
 * snapshot, so an update is either in the snapshot or sent after it, never lost (and one in both carries the same
 * {@code seq}, which the page keeps once).
 */
@Component
public class LiveUpdates {

    private final WindowStore store;
    private final int maxClients;
    private final List<SseEmitter> clients = new CopyOnWriteArrayList<>();
    private final AtomicInteger connecting = new AtomicInteger();
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> new Thread(r, "sse-sender"));
    private volatile List<ServiceStatus> health = List.of();

    LiveUpdates(WindowStore store, DashboardProperties properties, MeterRegistry meters) {
        this.store = store;
        this.maxClients = properties.maxClients();
        meters.gauge("streamgate.dashboard.clients", clients, List::size);
    }

    /** A new stream, or 503 when {@code max-clients} streams are open. */
    SseEmitter connect() {
        if (clients.size() + connecting.incrementAndGet() > maxClients) {
            connecting.decrementAndGet();
            throw new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE, ProblemDetail.forStatusAndDetail(
                    HttpStatus.SERVICE_UNAVAILABLE, "Too many open dashboards; try again later."), null);
        }
        SseEmitter emitter = new SseEmitter(0L); // no time limit: heartbeats find the dead ones
        emitter.onCompletion(() -> clients.remove(emitter));
        emitter.onError(e -> clients.remove(emitter));
        sender.execute(() -> {
            connecting.decrementAndGet();
            if (send(emitter, "snapshot", store.snapshot()) && send(emitter, "health", health)) {
                clients.add(emitter);
            }
        });
        return emitter;
    }

    public void window(WindowUpdate update) {
        broadcast("window", update);
    }

    public void retract(WindowRetraction retraction) {
        broadcast("retract", retraction);
    }

    public void health(List<ServiceStatus> statuses) {
        health = List.copyOf(statuses);
        broadcast("health", health);
    }

    List<ServiceStatus> currentHealth() {
        return health;
    }

    @Scheduled(fixedDelayString = "${streamgate.dashboard.heartbeat:PT15S}")
    void heartbeat() {
        sender.execute(() -> clients.forEach(c -> send(c, SseEmitter.event().comment("keep-alive"))));
    }

    /**
     * Ends every stream when the app stops, before the web server's graceful shutdown, which would otherwise wait
     * its whole timeout for streams that never end by themselves (browsers reconnect to another instance).
     */
    @EventListener(ContextClosedEvent.class)
    void close() {
        sender.shutdownNow();
        clients.forEach(SseEmitter::complete);
        clients.clear();
    }

    private void broadcast(String name, Object data) {
        sender.execute(() -> clients.forEach(c -> send(c, name, data)));
    }

    private boolean send(SseEmitter emitter, String name, Object data) {
        return send(emitter, SseEmitter.event().name(name).data(data, MediaType.APPLICATION_JSON));
    }

    /** False (and the stream dropped) when the browser has gone. */
    private boolean send(SseEmitter emitter, SseEmitter.SseEventBuilder event) {
        try {
            emitter.send(event);
            return true;
        } catch (IOException | IllegalStateException e) {
            clients.remove(emitter);
            emitter.completeWithError(e);
            return false;
        }
    }
}
