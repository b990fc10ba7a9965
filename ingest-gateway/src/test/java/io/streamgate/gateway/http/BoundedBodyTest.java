package io.streamgate.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;

import io.streamgate.gateway.problem.GatewayException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.util.unit.DataSize;

class BoundedBodyTest {

    @Test
    void aBodyWithinTheLimitIsReadWholeWhetherItsLengthIsDeclaredOrNot() throws IOException {
        byte[] content = "{\"a\":1}".getBytes();
        assertThat(BoundedBody.read(request(content, true), DataSize.ofBytes(7), lease(100))).isEqualTo(content);
        assertThat(BoundedBody.read(request(content, false), DataSize.ofBytes(7), lease(100 * 1024)))
                .isEqualTo(content);
        byte[] large = new byte[3 * BoundedBody.STEP + 17];
        assertThat(BoundedBody.read(request(large, false), DataSize.ofBytes(large.length), lease(1 << 20)))
                .isEqualTo(large);
    }

    @Test
    void aBodyOverTheLimitIsRefusedWhetherItsLengthIsDeclaredOrNot() {
        byte[] content = "{\"a\":12}".getBytes();
        assertThatThrownBy(() -> BoundedBody.read(request(content, true), DataSize.ofBytes(7), lease(1 << 20)))
                .isInstanceOfSatisfying(GatewayException.class,
                        e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE));
        assertThatThrownBy(() -> BoundedBody.read(request(content, false), DataSize.ofBytes(7), lease(1 << 20)))
                .isInstanceOfSatisfying(GatewayException.class,
                        e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE));
    }

    @Test
    void aBodyPastTheBudgetIsA503BeforeItIsReadOrAsItIsReadAndTheLeaseGivesItAllBack() throws IOException {
        BodyBudget budget = new BodyBudget(new MemoryProperties(DataSize.ofBytes(1000), Duration.ofSeconds(2)));
        BodyBudget.Lease first = budget.lease();
        BoundedBody.read(request(new byte[600], true), DataSize.ofBytes(1000), first);
        try (BodyBudget.Lease second = budget.lease()) {
            assertThatThrownBy(() -> BoundedBody.read(request(new byte[600], true), DataSize.ofBytes(1000), second))
                    .isInstanceOfSatisfying(GatewayException.class, e -> {
                        assertThat(e.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                        assertThat(e.getHeaders().getFirst("Retry-After")).isEqualTo("2");
                    });
        }
        first.close();
        try (BodyBudget.Lease third = budget.lease()) {
            assertThat(BoundedBody.read(request(new byte[900], true), DataSize.ofBytes(1000), third)).hasSize(900);
        }
    }

    private static BodyBudget.Lease lease(long bytes) {
        return new BodyBudget(new MemoryProperties(DataSize.ofBytes(bytes), Duration.ofSeconds(1))).lease();
    }

    /** Undeclared: as a chunked body, which has no Content-Length. */
    private static MockHttpServletRequest request(byte[] content, boolean declared) {
        MockHttpServletRequest request = declared ? new MockHttpServletRequest("POST", "/")
                : new MockHttpServletRequest("POST", "/") {
                    @Override
                    public long getContentLengthLong() {
                        return -1;
                    }
                };
        request.setContent(content);
        return request;
    }
}
