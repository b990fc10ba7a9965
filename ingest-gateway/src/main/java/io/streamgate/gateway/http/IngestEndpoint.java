package io.streamgate.gateway.http;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What takes {@code POST <path>/{id}} for the sources of one kind, served by the {@link IngestServlet}. It answers
 * an accepted request itself ({@link JsonAnswers}) and refuses by throwing: the servlet answers what it threw as a
 * problem.
 */
public interface IngestEndpoint {

    /** The path the endpoint serves under, such as {@code /events}: it takes {@code POST /events/{id}}. */
    String path();

    void accept(String id, HttpServletRequest request, HttpServletResponse response) throws IOException;
}
