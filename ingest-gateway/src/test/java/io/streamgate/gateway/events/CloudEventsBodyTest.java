package io.streamgate.gateway.events;

import static io.streamgate.gateway.events.EventRequests.request;
import static io.streamgate.gateway.events.EventRequests.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudevents.CloudEvent;
import io.streamgate.core.split.MalformedBodyException;
import io.streamgate.gateway.source.Source;
import org.junit.jupiter.api.Test;

class CloudEventsBodyTest {

    final Source source = source("ce", "key=/meter");

    @Test
    void aStructuredEventWithoutTimeOrContentTypeGetsTheReceiveTimeAndJsonAndIsKeyedFromItsData() {
        Parsed parsed = EventRequests.all(CloudEventsBody.single(request(source, "application/cloudevents+json",
                "{\"specversion\":\"1.0\",\"id\":\"e1\",\"source\":\"/m\",\"type\":\"t\",\"data\":{\"meter\":\"m-7\"}}")))
                .get(0);

        CloudEvent event = parsed.record().event();
        assertThat(event.getTime()).isEqualTo(EventRequests.RECEIVED);
        assertThat(event.getDataContentType()).isEqualTo("application/json");
        assertThat(EventRequests.value(parsed)).isEqualTo("{\"meter\":\"m-7\"}");
        assertThat(parsed.record().key()).isEqualTo("m-7");
    }

    @Test
    void thePartitionkeyExtensionIsTheKeyAndAnEventWithoutDataStaysWithoutData() {
        Parsed parsed = EventRequests.all(CloudEventsBody.single(request(source, null, "", "ce-specversion", "1.0", "ce-id", "e2",
                "ce-source", "/m", "ce-type", "t", "ce-partitionkey", "turnstile-9"))).get(0);

        assertThat(parsed.record().key()).isEqualTo("turnstile-9");
        assertThat(parsed.record().event().getData()).isNull();
        assertThat(parsed.record().event().getDataContentType()).isEqualTo("application/octet-stream");
    }

    @Test
    void anEventTheSdkCannotReadIsMalformedWithItsIndexInABatch() {
        assertThatThrownBy(() -> EventRequests.all(CloudEventsBody.single(request(source, null, "{}", "ce-specversion", "0.1",
                "ce-id", "e3"))))
                .isInstanceOf(MalformedBodyException.class).hasMessageStartingWith("not a valid CloudEvent");
        assertThatThrownBy(() -> EventRequests.all(CloudEventsBody.batch(request(source, "application/cloudevents-batch+json",
                "[{\"specversion\":\"1.0\",\"id\":\"a\",\"source\":\"/m\",\"type\":\"t\"},{\"specversion\":\"1.0\"}]"))))
                .isInstanceOfSatisfying(MalformedBodyException.class, e -> assertThat(e.index()).isEqualTo(1));
    }
}
