package io.streamgate.gateway.http;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * Writes a JSON answer straight to the servlet response: whole, with its {@code Content-Length}, so that the server
 * sends headers and body in one write. For the receipts of accepted requests, where Spring's return-value path
 * (content negotiation against the converters, copying the headers over) cost 18 % of the gateway's CPU in
 * benchmark 1's profile at 64 connections for a body of a few dozen bytes that is always JSON; and for answers
 * written outside Spring MVC (refusals of ingest requests, the actuator's 401).
 */
@Component
public class JsonAnswers {

    private static final Logger log = LoggerFactory.getLogger(JsonAnswers.class);

    private final ObjectWriter json;

    public JsonAnswers(ObjectMapper mapper) {
        this.json = mapper.writer();
    }

    /** {@code body} as {@code application/json}. */
    public void write(HttpServletResponse response, HttpStatus status, Object body) throws JsonProcessingException {
        write(response, status, MediaType.APPLICATION_JSON_VALUE, body);
    }

    public void write(HttpServletResponse response, HttpStatusCode status, String mediaType, Object body)
            throws JsonProcessingException {
        byte[] bytes = json.writeValueAsBytes(body);
        response.setStatus(status.value());
        response.setContentType(mediaType);
        response.setContentLength(bytes.length);
        try {
            response.getOutputStream().write(bytes);
        } catch (IOException e) {
            // the client is gone: nothing to answer. (A receipt's records are in Kafka, and a retry is recognised
            // by their ids.)
            log.debug("the client left before its answer was written: {}", e.toString());
        }
    }
}
