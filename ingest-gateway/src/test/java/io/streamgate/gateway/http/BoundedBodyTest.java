package io.streamgate.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;

import io.streamgate.gateway.problem.GatewayException;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.util.unit.DataSize;

class BoundedBodyTest {

    @Test
    void aDeclaredLengthIsReadAsIsAndWithoutOneTheLimitIsProbedByOneByte() {
        assertThat(BoundedBody.readLength(1024, 1_000_000)).isEqualTo(1024);
        assertThat(BoundedBody.readLength(0, 1_000_000)).isZero();
        assertThat(BoundedBody.readLength(-1, 1_000_000)).isEqualTo(1_000_001);
        assertThat(BoundedBody.readLength(-1, Long.MAX_VALUE - 1)).isEqualTo(Integer.MAX_VALUE - 8);
    }

    @Test
    void aBodyWithinTheLimitIsReadWholeWhetherItsLengthIsDeclaredOrNot() throws IOException {
        byte[] content = "{\"a\":1}".getBytes();
        assertThat(BoundedBody.read(request(content, true), DataSize.ofBytes(7))).isEqualTo(content);
        assertThat(BoundedBody.read(request(content, false), DataSize.ofBytes(7))).isEqualTo(content);
    }

    @Test
    void aBodyOverTheLimitIsRefusedWhetherItsLengthIsDeclaredOrNot() {
        byte[] content = "{\"a\":12}".getBytes();
        assertThatThrownBy(() -> BoundedBody.read(request(content, true), DataSize.ofBytes(7)))
                .isInstanceOf(GatewayException.class);
        assertThatThrownBy(() -> BoundedBody.read(request(content, false), DataSize.ofBytes(7)))
                .isInstanceOf(GatewayException.class);
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
