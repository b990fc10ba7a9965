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
    void aBodyPastTheBudgetIsA503AndDroppedBeforeOrAsItIsReadAndTheLeaseGivesItAllBack() throws IOException {
        BodyBudget budget = new BodyBudget(new MemoryProperties(DataSize.ofBytes(1000), DataSize.ofBytes(1000),
                Duration.ofSeconds(2)), peer -> false);
        BodyBudget.Lease first = budget.lease("10.0.0.1");
        BoundedBody.read(request(new byte[600], true), DataSize.ofBytes(1000), first);
        try (BodyBudget.Lease second = budget.lease("10.0.0.2")) {
            MockHttpServletRequest refused = request(new byte[600], true);
            assertThatThrownBy(() -> BoundedBody.read(refused, DataSize.ofBytes(1000), second))
                    .isInstanceOfSatisfying(GatewayException.class, e -> {
                        assertThat(e.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                        assertThat(e.getHeaders().getFirst("Retry-After")).isEqualTo("2");
                    });
            assertThat(refused.getInputStream().read()).as("the refused body was read to its end, so the 503 reaches a"
                    + " client still sending it").isEqualTo(-1);
        }
        first.close();
        try (BodyBudget.Lease third = budget.lease("10.0.0.2")) {
            assertThat(BoundedBody.read(request(new byte[900], true), DataSize.ofBytes(1000), third)).hasSize(900);
        }
    }

    @Test
    void oneAddressTakesAtMostItsShareOfTheBudgetUnlessItIsATrustedProxy() {
        BodyBudget budget = new BodyBudget(new MemoryProperties(DataSize.ofBytes(1000), null, Duration.ofSeconds(1)),
                peer -> peer.getHostAddress().equals("10.9.9.9"));
        BodyBudget.Lease first = budget.lease("10.0.0.1");
        first.reserve(200); // a quarter of the budget, unset: 250
        try (BodyBudget.Lease second = budget.lease("10.0.0.1")) {
            assertThatThrownBy(() -> second.reserve(100)).isInstanceOfSatisfying(GatewayException.class, e -> {
                assertThat(e.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                assertThat(e.getBody().getProperties()).containsEntry("limit",
                        "streamgate.memory.bodies-in-flight-per-address");
            });
            second.reserve(50);
        }
        try (BodyBudget.Lease other = budget.lease("10.0.0.2"); BodyBudget.Lease proxy = budget.lease("10.9.9.9")) {
            other.reserve(250);
            proxy.reserve(550); // the rest of the budget: a proxy's clients share it
            assertThatThrownBy(() -> proxy.reserve(1)).isInstanceOfSatisfying(GatewayException.class, e ->
                    assertThat(e.getBody().getProperties()).containsEntry("limit", "streamgate.memory.bodies-in-flight"));
        }
        first.close();
        try (BodyBudget.Lease again = budget.lease("10.0.0.1")) {
            again.reserve(250); // all given back
        }
        try (BodyBudget.Lease v6 = budget.lease("[2001:db8::1]"); BodyBudget.Lease same = budget.lease("2001:db8::1")) {
            v6.reserve(250);
            assertThatThrownBy(() -> same.reserve(1)).as("one address, however written").isInstanceOf(GatewayException.class);
        }
    }

    private static BodyBudget.Lease lease(long bytes) {
        return new BodyBudget(new MemoryProperties(DataSize.ofBytes(bytes), null, Duration.ofSeconds(1)), peer -> false)
                .lease("127.0.0.1");
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
