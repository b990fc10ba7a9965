package io.streamgate.dashboard.live;

import java.util.List;

import io.streamgate.dashboard.config.DashboardProperties;
import io.streamgate.dashboard.health.ServiceStatus;
import io.streamgate.dashboard.window.WindowStore;
import io.streamgate.dashboard.window.WindowUpdate;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The page's API: the jobs to chart, the event stream, and the same state as plain JSON for scripts. */
@RestController
@RequestMapping("/api")
class LiveController {

    /** What the page needs to chart a job. */
    record JobView(String name, String title, String series, List<String> measures, List<String> chart) {
    }

    private final DashboardProperties properties;
    private final WindowStore store;
    private final LiveUpdates live;

    LiveController(DashboardProperties properties, WindowStore store, LiveUpdates live) {
        this.properties = properties;
        this.store = store;
        this.live = live;
    }

    @GetMapping("/jobs")
    List<JobView> jobs() {
        return properties.jobs().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .map(e -> new JobView(e.getKey(), e.getValue().titleOr(e.getKey()), e.getValue().series(),
                        e.getValue().measures(), e.getValue().chart()))
                .toList();
    }

    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream() {
        return live.connect();
    }

    @GetMapping("/windows")
    List<WindowUpdate> windows() {
        return store.snapshot();
    }

    @GetMapping("/health")
    List<ServiceStatus> health() {
        return live.currentHealth();
    }
}
