package io.streamgate.poller.run;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamgate.core.contract.ContractRecord;
import io.streamgate.poller.cursor.CursorState;
import io.streamgate.poller.cursor.Overlap;
import io.streamgate.poller.cursor.SourceSpec;
import io.streamgate.poller.extract.PolledRecord;
import io.streamgate.poller.extract.RecordMapper;
import io.streamgate.poller.extract.RecordSplitter;
import io.streamgate.poller.fetch.FetchResponse;
import io.streamgate.poller.fetch.SourceFetcher;
import io.streamgate.poller.page.PageView;
import io.streamgate.poller.page.Pagination;
import io.streamgate.poller.produce.SourceWriter;
import io.streamgate.poller.schedule.Freshness;
import io.streamgate.poller.source.FormatConfig;
import io.streamgate.poller.source.PaginationConfig;
import io.streamgate.poller.source.SourceConfig;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * Walks the pages of one run (live or backfill) from a cursor state: fetch, split, decide, and commit each page
 * with its new cursor state before fetching the next, so the committed state is always where a restart resumes.
 */
final class PageWalker {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A cursor under a key, with what applies to it (backfills use neither validators, overlap nor diff). */
    static final class Track {
        final String key;
        final boolean live;
        CursorState state;

        Track(String key, boolean live, CursorState state) {
            this.key = key;
            this.live = live;
            this.state = state;
        }
    }

    private final SourceConfig config;
    private final SourceSpec spec;
    private final Pagination pagination;
    private final SourceFetcher fetcher;
    private final RecordMapper mapper;
    private final SourceStatus status;
    private final SourceMetrics metrics;

    PageWalker(SourceConfig config, SourceSpec spec, Pagination pagination, SourceFetcher fetcher,
            RecordMapper mapper, SourceStatus status, SourceMetrics metrics) {
        this.config = config;
        this.spec = spec;
        this.pagination = pagination;
        this.fetcher = fetcher;
        this.mapper = mapper;
        this.status = status;
        this.metrics = metrics;
    }

    /** Walks from {@code first} until the last page, the page cap, or a pause; returns when the feed goes stale. */
    Instant walk(Track track, URI first, SourceWriter writer) {
        URI uri = first;
        boolean firstPage = !track.state.inProgress();
        Overlap overlap = track.live && config.incremental() != null ? Overlap.of(config.incremental())
                : Overlap.NONE;
        FetchResponse response = null;
        JsonNode body = null;
        for (int pages = 0; pages < config.pagination().maxPages() && !status.paused(); pages++) {
            response = fetcher.fetch(uri, firstPage && track.live && conditional() ? conditions(track.state)
                    : Map.of());
            if (response.notModified()) {
                metrics.notModified();
                break;
            }
            if (response.ignored()) {
                break;
            }
            Instant received = Instant.now();
            List<PolledRecord> records = RecordSplitter.split(config.format(), response.body());
            body = json(response.body());
            PageView view = new PageView(uri, records.size(), response::headerValues, body,
                    records.isEmpty() ? null : records.get(records.size() - 1)::field);
            URI next = pagination.next(view).orElse(null);
            PageStep.Result step = PageStep.apply(track.state, items(records), next, firstPage,
                    response.header("ETag"), response.header("Last-Modified"), overlap,
                    track.live && config.diff());
            List<ContractRecord> out = new ArrayList<>(step.produce().size());
            Instant newest = null;
            for (int index : step.produce()) {
                ContractRecord record = mapper.toContract(records.get(index), received);
                out.add(record);
                Instant time = record.event().getTime().toInstant();
                newest = newest == null || time.isAfter(newest) ? time : newest;
            }
            // stamped with the spec at each commit: a state stored before specs were gets it here
            CursorState state = step.state().withSpec(spec);
            writer.commit(out, track.key, state);
            track.state = state;
            metrics.page(out.size());
            status.page(out.size(), newest);
            if (next == null) {
                break;
            }
            uri = next;
            firstPage = false;
        }
        return response == null ? null : Freshness.staleAt(body, response.header("Cache-Control"),
                response.header("Age"), response.header("Expires"), Instant.now());
    }

    private List<PageStep.Item> items(List<PolledRecord> records) {
        String field = config.incremental() == null ? null : config.incremental().field();
        List<PageStep.Item> items = new ArrayList<>(records.size());
        for (PolledRecord record : records) {
            String cursorValue = null;
            if (field != null) {
                if (field.isEmpty()) {
                    Instant time = mapper.eventTime(record);
                    cursorValue = time == null ? null : time.toString();
                } else {
                    cursorValue = record.field(field);
                }
            }
            items.add(new PageStep.Item(mapper.ceId(record), mapper.entityId(record), cursorValue,
                    DigestUtils.sha256Hex(record.payload())));
        }
        return items;
    }

    /**
     * Validators only for one-page feeds: an unchanged first page says nothing about later pages, where new or
     * changed rows land, so a 304 there must not end the run.
     */
    private boolean conditional() {
        return config.conditional() && config.pagination().kind() == PaginationConfig.Kind.NONE;
    }

    private static Map<String, String> conditions(CursorState state) {
        Map<String, String> headers = new java.util.HashMap<>();
        if (state.etag() != null) {
            headers.put("If-None-Match", state.etag());
        }
        if (state.lastModified() != null) {
            headers.put("If-Modified-Since", state.lastModified());
        }
        return headers;
    }

    private JsonNode json(byte[] body) {
        if (config.format().kind() != FormatConfig.Kind.JSON || body == null || body.length == 0) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }
}
