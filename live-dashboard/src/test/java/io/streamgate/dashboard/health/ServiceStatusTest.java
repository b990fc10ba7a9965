package io.streamgate.dashboard.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.URI;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class ServiceStatusTest {

    private static final URI URL = URI.create("http://127.0.0.1:8080/actuator/health");
    private static final Instant AT = Instant.parse("2026-12-01T00:00:00Z");

    @Test
    void anActuatorHealthDocumentGivesItsStatus() {
        assertThat(ServiceStatus.answered("g", URL, 200, "{\"status\":\"UP\"}", AT).state()).isEqualTo("UP");
        ServiceStatus down = ServiceStatus.answered("g", URL, 503, "{\"status\":\"OUT_OF_SERVICE\"}", AT);
        assertThat(down.state()).isEqualTo("OUT_OF_SERVICE");
        assertThat(down.detail()).isEqualTo("HTTP 503");
    }

    @Test
    void anyOtherSuccessfulAnswerIsUpAndAnyOtherFailureDown() {
        assertThat(ServiceStatus.answered("a", URL, 200, "# HELP x\nx 1\n", AT).state()).isEqualTo("UP");
        assertThat(ServiceStatus.answered("a", URL, 404, "<html>", AT)).extracting(ServiceStatus::state,
                ServiceStatus::detail).containsExactly("DOWN", "HTTP 404");
    }

    @Test
    void noAnswerIsDownWithTheReason() {
        ServiceStatus s = ServiceStatus.unreachable("a", URL, new ConnectException("Connection refused"), AT);
        assertThat(s.state()).isEqualTo("DOWN");
        assertThat(s.detail()).isEqualTo("no answer: Connection refused");
    }
}
