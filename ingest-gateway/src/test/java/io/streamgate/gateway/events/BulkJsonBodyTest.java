package io.streamgate.gateway.events;

import static io.streamgate.gateway.events.EventRequests.request;
import static io.streamgate.gateway.events.EventRequests.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import io.streamgate.core.contract.EventIds;
import io.streamgate.core.split.MalformedBodyException;
import io.streamgate.gateway.source.Source;
import org.junit.jupiter.api.Test;

class BulkJsonBodyTest {

    final Source source = source("bulk", "key=/id", "headers=X-Tenant");

    @Test
    void anArrayIsARecordPerElementWithTheElementsBytesAndContentHashIds() {
        var parsed = EventRequests.all(BulkJsonBody.json(request(source, "application/json", "[ {\"id\": 1},\n{\"id\":2} ]")));

        assertThat(parsed).extracting(EventRequests::value).containsExactly("{\"id\": 1}", "{\"id\":2}");
        assertThat(parsed).extracting(p -> p.record().key()).containsExactly("1", "2");
        assertThat(parsed.get(0).record().event().getId())
                .isEqualTo(EventIds.contentHash("/sources/bulk", "{\"id\": 1}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aSingleJsonValueSpanningLinesIsOneRecordWithoutTheSurroundingWhitespace() {
        var parsed = EventRequests.all(BulkJsonBody.json(request(source, "application/json", "\n  {\"id\":\n 7}\n")));
        assertThat(parsed).extracting(EventRequests::value).containsExactly("{\"id\":\n 7}");
    }

    @Test
    void anEmptyBodyHoldsNoRecordAndTrailingGarbageIsMalformed() {
        assertThat(EventRequests.all(BulkJsonBody.json(request(source, "application/json", "  \n")))).isEmpty();
        assertThatThrownBy(() -> EventRequests.all(BulkJsonBody.json(request(source, "application/json", "{\"id\":1} x"))))
                .isInstanceOf(MalformedBodyException.class);
    }

    @Test
    void ndjsonIdsComeFromTheRequestIdHeaderAndAllowlistedHeadersAreCopied() {
        var parsed = EventRequests.all(BulkJsonBody.ndjson(request(source, "application/x-ndjson", "{\"id\":1}\n\n{\"id\":2}\n",
                "X-Request-Id", "req-1", "X-Tenant", "acme", "X-Other", "no")));

        assertThat(parsed).extracting(p -> p.record().event().getId()).containsExactly(source.id() + "/req-1:0",
                source.id() + "/req-1:1");
        assertThat(parsed.get(1).record().headers()).containsExactlyEntriesOf(java.util.Map.of("x-tenant", "acme"));
    }

    @Test
    void withoutAPointerKeyOrEventTimeEachRecordsViewIsParsedWhenAskedFor() {
        var parsed = EventRequests.all(BulkJsonBody.ndjson(request(source("plain"), "application/x-ndjson", "{\"id\":1}\n[2]\n")));

        assertThat(parsed).extracting(p -> p.record().key()).containsOnlyNulls();
        assertThat(parsed.get(0).view().get("id").asInt()).isEqualTo(1);
        assertThat(parsed.get(1).view().isArray()).isTrue();
        assertThat(parsed.get(1).view()).isSameAs(parsed.get(1).view());
    }
}
