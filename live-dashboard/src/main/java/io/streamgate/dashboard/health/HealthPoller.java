package io.streamgate.dashboard.health;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.streamgate.dashboard.live.LiveUpdates;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Polls the pipeline's services ({@code streamgate.dashboard.health.services}) from the server, so the browser
 * needs no access to them, and pushes their states to the page after each round.
 */
@Component
class HealthPoller {

    private final HealthProperties properties;
    private final LiveUpdates live;
    private final Clock clock = Clock.systemUTC();
    private final HttpClient http;

    HealthPoller(HealthProperties properties, LiveUpdates live) {
        this.properties = properties;
        this.live = live;
        this.http = HttpClient.newBuilder().connectTimeout(properties.timeout()).build();
    }

    @Scheduled(initialDelay = 0, fixedDelayString = "${streamgate.dashboard.health.every:PT5S}")
    void poll() {
        if (properties.services().isEmpty()) {
            return;
        }
        List<ServiceStatus> statuses = new ArrayList<>();
        for (Map.Entry<String, URI> service : new java.util.TreeMap<>(properties.services()).entrySet()) {
            statuses.add(check(service.getKey(), service.getValue()));
        }
        live.health(statuses);
    }

    private ServiceStatus check(String name, URI url) {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(properties.timeout()).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return ServiceStatus.answered(name, url, response.statusCode(), response.body(), clock.instant());
        } catch (IOException e) {
            return ServiceStatus.unreachable(name, url, e, clock.instant());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ServiceStatus.unreachable(name, url, e, clock.instant());
        }
    }
}
