package io.streamgate.poller.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The turnstile feeds, one per pagination style (paths after any auth prefix):
 * <ul>
 *   <li>{@code /turnstile/rows.json}, {@code /turnstile/rows.csv}: offset/limit ({@code $offset}, {@code $limit})</li>
 *   <li>{@code /turnstile/pages.json}: page numbers ({@code page} from 1, {@code per_page}), rows under {@code /data}</li>
 *   <li>{@code /turnstile/cursor.json}: {@code cursor}/{@code limit}, rows under {@code /records}, then
 *       {@code next_cursor} and {@code has_more}</li>
 *   <li>{@code /turnstile/linked.json}: {@code offset}/{@code limit} with {@code Link: <...>; rel="next"}</li>
 *   <li>{@code /turnstile/stations.json}: offset/limit as rows.json, the page's rows grouped by station under
 *       {@code /stations/N/readings} (records nested two arrays deep)</li>
 *   <li>{@code /turnstile/status.json}: GBFS-style snapshot of each turnstile's latest reading, with {@code ttl}</li>
 * </ul>
 * A {@link Hostile} provider caps every page below the {@code limit} asked for, answers some cursor and link
 * pages empty while still pointing to more (the same position again), and corrects a recent row before some
 * requests, so rows change between the pages of a run.
 */
final class FeedRoutes {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TurnstileFeed feed;
    private final Duration snapshotTtl;
    private final Hostile hostile;
    private final SplittableRandom random;
    private boolean correcting = true;

    FeedRoutes(TurnstileFeed feed, Duration snapshotTtl, Hostile hostile) {
        this.feed = feed;
        this.snapshotTtl = snapshotTtl;
        this.hostile = hostile;
        this.random = hostile.random().split();
    }

    private synchronized boolean emptyPage() {
        return hostile.emptyPageShare() > 0 && random.nextDouble() < hostile.emptyPageShare();
    }

    private synchronized void maybeCorrectOne() {
        if (correcting && hostile.updateShare() > 0 && random.nextDouble() < hostile.updateShare()) {
            feed.correctOne(random);
        }
    }

    /** Stops (or resumes) correcting rows, so that a test can read a feed that no longer changes. */
    synchronized void correcting(boolean on) {
        correcting = on;
    }

    /** The response for {@code feedPath}, or null for an unknown path. */
    SimResponse respond(String fullPath, String feedPath, Map<String, String> query) {
        maybeCorrectOne();
        List<Reading> rows = RowFilter.apply(feed.rows(), query);
        return switch (feedPath) {
            case "/turnstile/rows.json" -> json(slice(rows, query, "$offset", "$limit").stream().map(Reading::json).toList());
            case "/turnstile/rows.csv" -> csv(slice(rows, query, "$offset", "$limit"), !"false".equals(query.get("header")));
            case "/turnstile/stations.json" -> stations(slice(rows, query, "$offset", "$limit"));
            case "/turnstile/pages.json" -> pages(rows, query);
            case "/turnstile/cursor.json" -> cursor(rows, query);
            case "/turnstile/linked.json" -> linked(fullPath, rows, query);
            case "/turnstile/status.json" -> snapshot();
            default -> null;
        };
    }

    private List<Reading> slice(List<Reading> rows, Map<String, String> query, String offsetName,
            String limitName) {
        int offset = Integer.parseInt(query.getOrDefault(offsetName, "0"));
        int limit = hostile.cap(Integer.parseInt(query.getOrDefault(limitName, "1000")));
        return rows.subList(Math.min(offset, rows.size()), Math.min(offset + limit, rows.size()));
    }

    private static SimResponse stations(List<Reading> page) {
        Map<String, List<Map<String, Object>>> byStation = new LinkedHashMap<>();
        page.forEach(r -> byStation.computeIfAbsent(r.turnstile().station(), s -> new ArrayList<>()).add(r.json()));
        List<Map<String, Object>> stations = new ArrayList<>();
        byStation.forEach((station, readings) -> stations.add(Map.of("station", station, "readings", readings)));
        return json(Map.of("stations", stations));
    }

    private SimResponse pages(List<Reading> rows, Map<String, String> query) {
        int page = Integer.parseInt(query.getOrDefault("page", "1"));
        int perPage = hostile.cap(Integer.parseInt(query.getOrDefault("per_page", "100")));
        int from = Math.min((page - 1) * perPage, rows.size());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("page", page);
        body.put("per_page", perPage);
        body.put("data", rows.subList(from, Math.min(from + perPage, rows.size())).stream().map(Reading::json).toList());
        return json(body);
    }

    private SimResponse cursor(List<Reading> rows, Map<String, String> query) {
        String after = query.get("cursor") == null ? ""
                : new String(Base64.getUrlDecoder().decode(query.get("cursor")), StandardCharsets.UTF_8);
        int limit = hostile.cap(Integer.parseInt(query.getOrDefault("limit", "100")));
        List<Reading> rest = rows.stream().filter(r -> r.id().compareTo(after) > 0).toList();
        List<Reading> page = emptyPage() ? List.of() : rest.subList(0, Math.min(limit, rest.size()));
        boolean more = rest.size() > page.size();
        String last = page.isEmpty() ? after : page.get(page.size() - 1).id();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("records", page.stream().map(Reading::json).toList());
        body.put("next_cursor", more ? Base64.getUrlEncoder().withoutPadding()
                .encodeToString(last.getBytes(StandardCharsets.UTF_8)) : null);
        body.put("has_more", more);
        return json(body);
    }

    private SimResponse linked(String fullPath, List<Reading> rows, Map<String, String> query) {
        int offset = Integer.parseInt(query.getOrDefault("offset", "0"));
        int limit = Integer.parseInt(query.getOrDefault("limit", "100"));
        List<Reading> page = emptyPage() ? List.of() : slice(rows, query, "offset", "limit");
        SimResponse response = json(page.stream().map(Reading::json).toList());
        if (offset + page.size() < rows.size()) {
            Map<String, String> next = new LinkedHashMap<>(query);
            next.put("offset", String.valueOf(offset + page.size()));
            next.put("limit", String.valueOf(limit));
            String link = fullPath + "?" + next.entrySet().stream()
                    .map(e -> ProviderSimulator.encode(e.getKey()) + "=" + ProviderSimulator.encode(e.getValue()))
                    .collect(Collectors.joining("&"));
            response = response.with("Link", "<" + link + ">; rel=\"next\"");
        }
        return response;
    }

    private SimResponse snapshot() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("last_updated", feed.lastPublished().atZone(Reading.NEW_YORK).toEpochSecond());
        body.put("ttl", snapshotTtl.toSeconds());
        body.put("version", "2.3");
        body.put("data", Map.of("turnstiles", feed.latest().stream().map(Reading::json).toList()));
        return json(body).with("Cache-Control", "max-age=" + snapshotTtl.toSeconds());
    }

    private static SimResponse csv(List<Reading> rows, boolean header) {
        StringBuilder body = new StringBuilder(header ? Reading.CSV_HEADER + "\r\n" : "");
        rows.forEach(r -> body.append(r.csv()).append("\r\n"));
        return SimResponse.of(200, "text/csv; charset=utf-8", body.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static SimResponse json(Object body) {
        try {
            return SimResponse.of(200, "application/json", JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
