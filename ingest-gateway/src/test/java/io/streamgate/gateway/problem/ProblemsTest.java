package io.streamgate.gateway.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.http.HttpStatus;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

class ProblemsTest {

    /** What the container could not read is the client's error, said without the container's own words. */
    @Test
    void aRequestTheContainerCouldNotReadIsA4xxProblem() {
        ResponseEntity<ProblemDetail> answer = Problems.answer(new BadMessageException("Unable to parse form content"));

        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat(answer.getBody().getTitle()).isEqualTo("Bad Request");
        assertThat(answer.getBody().getDetail()).doesNotContain("form");
        assertThat(Problems.answer(new BadMessageException(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE_431))
                .getStatusCode().value()).isEqualTo(431);
    }

    @Test
    void anythingElseIsA500ThatSaysNothingOfItsCause() {
        ResponseEntity<ProblemDetail> answer = Problems.answer(new IOException("disk /var/secret full"));

        assertThat(answer.getStatusCode().value()).isEqualTo(500);
        assertThat(answer.getBody().getDetail()).doesNotContain("secret");
    }
}
