package io.streamgate.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.streamgate.gateway.support.GatewayTest;
import io.streamgate.gateway.support.RawHttp;
import io.streamgate.gateway.verify.Signer;
import org.junit.jupiter.api.Test;

/**
 * JSON answers go out whole with their {@code Content-Length}, in one write, not committed early and chunked:
 * an events receipt, a webhook receipt, a problem and the operator endpoints' 401, read off the wire.
 */
@GatewayTest
class SizedJsonAnswersTest {

    private static final String ROW = "A002,R051,02-00-00,59 ST,NQR456W,BMT,09/14/2024,04:00:00,REGULAR,";

    @Test
    void aReceiptCarriesItsLength() {
        String row = ROW + UUID.randomUUID().hashCode() + ",1";
        RawHttp.Answer answer = RawHttp.postToApp("/events/raw", Map.of("Content-Type", "text/csv; header=absent"),
                row.getBytes(StandardCharsets.UTF_8));

        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.contentType()).isEqualTo("application/json");
        assertSized(answer);
        assertThat(answer.body()).startsWith("{\"accepted\":1");
    }

    @Test
    void aWebhookReceiptCarriesItsLength() {
        byte[] body = ("{\"n\":\"" + UUID.randomUUID() + "\"}").getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new HashMap<>(Signer.GITHUB.sign(body, Instant.now()));
        headers.put("Content-Type", "application/json");
        RawHttp.Answer answer = RawHttp.postToApp("/webhooks/wh-github", headers, body);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).isEqualTo("application/json");
        assertSized(answer);
        assertThat(answer.body()).startsWith("{\"accepted\":1");
    }

    @Test
    void aProblemCarriesItsLength() {
        RawHttp.Answer answer = RawHttp.postToApp("/events/raw", Map.of("Content-Type", "application/json"),
                "[{\"a\":1}] {".getBytes(StandardCharsets.UTF_8));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertSized(answer);
    }

    @Test
    void anUnauthorizedOperatorCallCarriesItsLength() throws IOException {
        RawHttp.Answer answer = RawHttp.toApp().get("/actuator/prometheus", "operator", "not-the-password");

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertSized(answer);
    }

    private static void assertSized(RawHttp.Answer answer) {
        int length = answer.body().getBytes(StandardCharsets.UTF_8).length;
        assertThat(answer.head()).doesNotContainIgnoringCase("Transfer-Encoding")
                .containsPattern("(?im)^Content-Length: " + length + "\r?$");
    }
}
