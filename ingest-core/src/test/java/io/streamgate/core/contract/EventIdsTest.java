package io.streamgate.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class EventIdsTest {

    @Test
    void theProviderIdIsTheEventId() {
        assertThat(EventIds.delivery("72d3162e-cc78-11e3-81ab-4c9367dc0958"))
                .isEqualTo("72d3162e-cc78-11e3-81ab-4c9367dc0958");
    }

    @Test
    void aSendersIdIsScopedToTheSourceThatTookIt() {
        assertThat(EventIds.scoped("ev-ce", "trip-1")).isEqualTo("ev-ce/trip-1");
        assertThat(EventIds.element(EventIds.scoped("turnstile", "batch-7"), 3)).isEqualTo("turnstile/batch-7:3");
    }

    @Test
    void aBatchElementIsItsBatchIdPlusItsIndex() {
        assertThat(EventIds.element("msg_2Kp", 0)).isEqualTo("msg_2Kp:0");
        assertThat(EventIds.element("msg_2Kp", 41)).isEqualTo("msg_2Kp:41");
    }

    @Test
    void theContentHashIsTheSameForTheSameSourceAndPayloadAndDiffersOtherwise() {
        byte[] payload = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        String id = EventIds.contentHash("/sources/x", payload);
        assertThat(id).hasSize(64).isEqualTo(EventIds.contentHash("/sources/x", payload.clone()));
        assertThat(EventIds.contentHash("/sources/y", payload)).isNotEqualTo(id);
        assertThat(EventIds.contentHash("/sources/x", "{\"a\":2}".getBytes(StandardCharsets.UTF_8)))
                .isNotEqualTo(id);
    }

    @Test
    void sourceAndPayloadCannotBeShiftedIntoEachOther() {
        assertThat(EventIds.contentHash("ab", "c".getBytes(StandardCharsets.UTF_8)))
                .isNotEqualTo(EventIds.contentHash("a", "bc".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aBlankProviderIdIsRefused() {
        assertThatThrownBy(() -> EventIds.delivery(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
