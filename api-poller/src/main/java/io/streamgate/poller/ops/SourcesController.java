package io.streamgate.poller.ops;

import java.util.Collection;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;

import io.streamgate.poller.run.SourceStatus;
import io.streamgate.poller.run.SourceWorker;
import io.streamgate.poller.schedule.SourceScheduler;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator endpoint: sources with their state; pause, resume, run now, backfill {@code [from, to)}, reset after
 * a change of spec.
 */
@RestController
@RequestMapping("/ops/sources")
class SourcesController {

    private final SourceScheduler scheduler;

    SourcesController(SourceScheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** A backfill request; the bounds are cursor values in the source's own notation. */
    record Backfill(@NotBlank String from, @NotBlank String to) {
    }

    @GetMapping
    Collection<SourceStatus.View> list() {
        return scheduler.workers().stream().map(w -> w.status().view()).toList();
    }

    @GetMapping("/{id}")
    SourceStatus.View get(@PathVariable String id) {
        return worker(id).status().view();
    }

    @PostMapping("/{id}/pause")
    SourceStatus.View pause(@PathVariable String id) {
        worker(id);
        scheduler.pause(id);
        return get(id);
    }

    @PostMapping("/{id}/resume")
    SourceStatus.View resume(@PathVariable String id) {
        worker(id);
        scheduler.resume(id);
        return get(id);
    }

    @PostMapping("/{id}/run")
    @ResponseStatus(HttpStatus.ACCEPTED)
    SourceStatus.View run(@PathVariable String id) {
        if (worker(id).status().paused()) {
            throw new SourceConflictException("source " + id + " is paused; resume it first");
        }
        scheduler.trigger(id);
        return get(id);
    }

    @PostMapping("/{id}/backfill")
    @ResponseStatus(HttpStatus.ACCEPTED)
    SourceStatus.View backfill(@PathVariable String id, @Valid @RequestBody Backfill request) {
        SourceWorker worker = worker(id);
        if (!worker.canBackfill()) {
            throw new SourceConflictException("source " + id
                    + " has no incremental cursor with a backfill bound (incremental.backfill-where or backfill-params)");
        }
        try {
            worker.requestBackfill(request.from(), request.to());
        } catch (IllegalStateException e) {
            throw new SourceConflictException(e.getMessage());
        }
        if (!worker.status().paused()) {
            scheduler.trigger(id);
        }
        return get(id);
    }

    /**
     * Starts the source over under its configured spec, from {@code cursor} (a value of its incremental field) or
     * from nothing; answered once the new state is committed to the cursor topic.
     */
    @PostMapping("/{id}/reset")
    SourceStatus.View reset(@PathVariable String id, @RequestParam(required = false) String cursor) {
        SourceWorker worker = worker(id);
        if (cursor != null && !worker.hasIncrementalCursor()) {
            throw new SourceConflictException("source " + id + " has no incremental cursor to seed");
        }
        if (!worker.reset(cursor)) {
            throw new SourceConflictException("a run of source " + id + " is in progress; reset it when it has ended");
        }
        if (!worker.status().paused()) {
            scheduler.trigger(id);
        }
        return get(id);
    }

    private SourceWorker worker(String id) {
        return scheduler.worker(id).orElseThrow(() -> new UnknownSourceException(id));
    }
}
