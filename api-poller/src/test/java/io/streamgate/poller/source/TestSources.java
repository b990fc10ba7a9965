package io.streamgate.poller.source;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A source with every setting at its default except those given, for tests that build one without Spring. */
public final class TestSources {

    private TestSources() {
    }

    public static SourceConfig source(URI url, List<String> id, FormatConfig format, EventTimeConfig eventTime) {
        return new SourceConfig(url, "GET", Map.of(), Map.of(), null, "mta.turnstile", "mta.turnstile.reading", "UNIT",
                format, id, eventTime,
                new ScheduleConfig(ScheduleConfig.Kind.INTERVAL, Duration.ofSeconds(60), "", "UTC",
                        Duration.ofSeconds(1), Duration.ofHours(1)),
                new AuthConfig(AuthConfig.Kind.NONE, "", "", "", "", null, "", "", ""),
                new PaginationConfig(PaginationConfig.Kind.NONE, 100, "$limit", "$offset", "page", 1, "cursor",
                        "/next_cursor", "", 1000, "", "$where", ""),
                null, true, null, false, null, SourceConfig.OnSpecChange.REFUSE);
    }
}
