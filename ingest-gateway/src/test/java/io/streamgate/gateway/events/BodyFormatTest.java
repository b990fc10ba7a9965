package io.streamgate.gateway.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamgate.gateway.events.EventsProperties.JsonBody;
import io.streamgate.gateway.problem.GatewayException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

class BodyFormatTest {

    @Test
    void theMediaTypeChoosesTheFormatIgnoringParametersAndCase() {
        assertThat(of("application/cloudevents+json; charset=utf-8")).isEqualTo(BodyFormat.CLOUDEVENT);
        assertThat(of("application/cloudevents-batch+json")).isEqualTo(BodyFormat.CLOUDEVENTS_BATCH);
        assertThat(of("application/x-ndjson")).isEqualTo(BodyFormat.NDJSON);
        assertThat(of("Text/CSV; header=present")).isEqualTo(BodyFormat.CSV);
        assertThat(of("application/json")).isEqualTo(BodyFormat.JSON);
        assertThat(BodyFormat.of(new HttpHeaders(), MediaType.APPLICATION_JSON, JsonBody.PUBSUB_PUSH))
                .isEqualTo(BodyFormat.PUBSUB_PUSH);
    }

    @Test
    void aCeSpecversionHeaderMeansBinaryModeWhateverTheContentType() {
        HttpHeaders headers = new HttpHeaders();
        headers.set("ce-specversion", "1.0");
        assertThat(BodyFormat.of(headers, MediaType.TEXT_PLAIN, JsonBody.RECORDS)).isEqualTo(BodyFormat.CLOUDEVENT);
        assertThat(BodyFormat.of(headers, null, JsonBody.RECORDS)).isEqualTo(BodyFormat.CLOUDEVENT);
    }

    @Test
    void anyOtherOrNoContentTypeIsA415() {
        assertThatThrownBy(() -> of("text/plain")).isInstanceOfSatisfying(GatewayException.class,
                e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE));
        assertThatThrownBy(() -> BodyFormat.of(new HttpHeaders(), null, JsonBody.RECORDS))
                .isInstanceOf(GatewayException.class).hasMessageContaining("415");
    }

    private static BodyFormat of(String type) {
        return BodyFormat.of(new HttpHeaders(), MediaType.parseMediaType(type), JsonBody.RECORDS);
    }
}
