package io.streamgate.gateway.events;

import static io.streamgate.gateway.events.EventRequests.request;
import static io.streamgate.gateway.events.EventRequests.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;

import io.streamgate.core.split.MalformedBodyException;
import io.streamgate.gateway.source.Source;
import org.junit.jupiter.api.Test;

class PubSubPushBodyTest {

    final Source source = source("ps", "key=/station", "events.json=pubsub-push");

    @Test
    void snakeCaseFieldsAndTheOrderingKeyAreRead() {
        Parsed parsed = EventRequests.all(PubSubPushBody.parse(request(source, "application/json",
                "{\"message\":{\"data\":\"aGVsbG8=\",\"message_id\":\"42\","
                        + "\"publish_time\":\"2024-09-14T04:00:00-04:00\","
                        + "\"orderingKey\":\"turnstile-7\"},\"subscription\":\"projects/p/subscriptions/s\"}"))).get(0);

        assertThat(parsed.record().event().getId()).endsWith("/42");
        assertThat(parsed.record().event().getTime()).isEqualTo(OffsetDateTime.parse("2024-09-14T08:00:00Z"));
        assertThat(EventRequests.value(parsed)).isEqualTo("hello");
        assertThat(parsed.record().event().getDataContentType()).isEqualTo("application/octet-stream");
        assertThat(parsed.record().key()).isEqualTo("turnstile-7");
        assertThat(parsed.view()).isNull();
    }

    @Test
    void jsonDataIsKeyedByTheSourcesPointerWhenThereIsNoOrderingKey() {
        Parsed parsed = EventRequests.all(PubSubPushBody.parse(request(source, "application/json",
                "{\"message\":{\"data\":\"eyJzdGF0aW9uIjoiNTkgU1QifQ==\",\"messageId\":\"1\","
                        + "\"publishTime\":\"2024-09-14T08:00:00Z\"}}"))).get(0);
        assertThat(parsed.record().key()).isEqualTo("59 ST");
        assertThat(parsed.record().event().getDataContentType()).isEqualTo("application/json");
    }

    @Test
    void anAttributeThatWouldPassForAContractHeaderIsRefused() {
        assertThatThrownBy(() -> EventRequests.all(PubSubPushBody.parse(request(source, "application/json",
                "{\"message\":{\"attributes\":{\"ce_id\":\"forged\"},\"messageId\":\"1\","
                        + "\"publishTime\":\"2024-09-14T08:00:00Z\"}}"))))
                .isInstanceOf(MalformedBodyException.class).hasMessageContaining("'ce_id'");
    }

    @Test
    void dataThatIsNotBase64OrATimeThatIsNotRfc3339IsMalformed() {
        assertThatThrownBy(() -> EventRequests.all(PubSubPushBody.parse(request(source, "application/json",
                "{\"message\":{\"data\":\"%%%\",\"messageId\":\"1\",\"publishTime\":\"2024-09-14T08:00:00Z\"}}"))))
                .hasMessageContaining("not base64");
        assertThatThrownBy(() -> EventRequests.all(PubSubPushBody.parse(request(source, "application/json",
                "{\"message\":{\"messageId\":\"1\",\"publishTime\":\"yesterday\"}}"))))
                .hasMessageContaining("publishTime");
        assertThatThrownBy(() -> EventRequests.all(PubSubPushBody.parse(request(source, "application/json", "[1]"))))
                .hasMessageContaining("no 'message' object");
    }
}
