package io.streamgate.gateway.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class W3cTraceTest {

    static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String PARENT = "00f067aa0ba902b7";

    @Test
    void aSampledParentGetsAChildInTheSameTraceWithItsFlagsAndTraceState() {
        Map<String, String> headers = W3cTrace.childOf(Map.of("traceparent", "00-" + TRACE + "-" + PARENT + "-01",
                "tracestate", "vendor=abc,other=1")::get);

        assertThat(headers.get("traceparent")).matches("00-" + TRACE + "-[0-9a-f]{16}-01")
                .doesNotContain(PARENT);
        assertThat(headers.get("tracestate")).isEqualTo("vendor=abc,other=1");
    }

    @Test
    void anUnsampledParentStaysUnsampled() {
        Map<String, String> headers = W3cTrace.childOf(Map.of("traceparent", "00-" + TRACE + "-" + PARENT + "-00")::get);

        assertThat(headers.get("traceparent")).matches("00-" + TRACE + "-[0-9a-f]{16}-00");
        assertThat(headers).doesNotContainKey("tracestate");
    }

    @Test
    void withoutAParentEachRequestStartsItsOwnUnsampledTrace() {
        Map<String, String> first = W3cTrace.childOf(name -> null);
        Map<String, String> second = W3cTrace.childOf(name -> null);

        assertThat(first.get("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-00");
        assertThat(second.get("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-00");
        assertThat(first.get("traceparent").substring(3, 35)).isNotEqualTo(second.get("traceparent").substring(3, 35));
        assertThat(first).containsOnlyKeys("traceparent");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01", // zero trace id
            "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01", // zero parent id
            "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01", // short trace id
            "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", // forbidden version
            "00-4bf92f3577b34da6a3ce929d0e0e47zz-00f067aa0ba902b7-01", // not hex
            "garbage\u0085"})
    void anInvalidParentIsNotContinuedButReplacedByANewTrace(String traceparent) {
        Map<String, String> headers = W3cTrace.childOf(Map.of("traceparent", traceparent,
                "tracestate", "vendor=abc")::get);

        assertThat(headers.get("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-00")
                .doesNotContain(TRACE.substring(0, 30));
        assertThat(headers).containsOnlyKeys("traceparent");
    }
}
