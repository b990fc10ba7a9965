package io.streamgate.poller.source;

import java.net.URI;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One source to pull.
 *
 * @param url the feed's URL (absolute http or https)
 * @param method GET or POST
 * @param headers extra request headers
 * @param params extra query parameters, e.g. {@code $order}
 * @param body POST only: a JSON request body whose placeholders take query parameters (pagination, cursor, params)
 *        out of the URL into the body ({@code RequestBody}); null: no body
 * @param topic the topic its records go to
 * @param type the {@code ce_type} of its records
 * @param key the record field that gives the Kafka key (JSON pointer or field name, CSV column); empty for none
 * @param format how a response body splits into records
 * @param id record fields whose values, joined by '|', give the {@code ce_id}; empty: SHA-256 of source + payload
 * @param eventTime where a record's event time comes from ({@code ce_time}); absent: the time received
 * @param schedule when it is pulled
 * @param auth how requests authenticate
 * @param pagination how the next page is found
 * @param incremental the cursor taken from the records, if any
 * @param conditional whether to send {@code If-None-Match}/{@code If-Modified-Since} (a 304 produces nothing)
 * @param diffEntity snapshot feeds (diff mode, when set): the fields naming an entity; only entities whose record
 *        changed since the last run are produced
 * @param paused whether it starts paused
 * @param onStatus what an error status does, by status ({@code 404}) or class ({@code 5xx}); an exact status wins
 *        over its class; statuses not named keep the defaults (408, 429 and 5xx retried, other statuses fail the run)
 * @param onSpecChange what to do when the cursor stored for this source was written under another spec
 *        ({@code SourceSpec}: URL, pagination, incremental cursor, mode): REFUSE to run until an operator resets it,
 *        or RESET it by itself and read afresh
 */
public record SourceConfig(
        @NotNull URI url,
        @NotNull @Pattern(regexp = "GET|POST") @DefaultValue("GET") String method,
        Map<String, String> headers,
        Map<String, String> params,
        String body,
        @NotBlank String topic,
        @NotBlank String type,
        @DefaultValue("") String key,
        @Valid @NotNull @DefaultValue FormatConfig format,
        List<String> id,
        @Valid EventTimeConfig eventTime,
        @Valid @NotNull @DefaultValue ScheduleConfig schedule,
        @Valid @NotNull @DefaultValue AuthConfig auth,
        @Valid @NotNull @DefaultValue PaginationConfig pagination,
        @Valid IncrementalConfig incremental,
        @DefaultValue("true") boolean conditional,
        List<String> diffEntity,
        @DefaultValue("false") boolean paused,
        Map<String, StatusAction> onStatus,
        @NotNull @DefaultValue("REFUSE") OnSpecChange onSpecChange) {

    public enum OnSpecChange { REFUSE, RESET }

    /** A {@link #body} placeholder: {@code "{name}"} (group 1) or {@code {name}} (group 2), name a query parameter. */
    public static final java.util.regex.Pattern BODY_PLACEHOLDER =
            java.util.regex.Pattern.compile("\"\\{([A-Za-z0-9_.$:-]+)}\"|\\{([A-Za-z0-9_.$:-]+)}");
    private static final ObjectMapper JSON = new ObjectMapper();

    public SourceConfig {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        params = params == null ? Map.of() : Map.copyOf(params);
        id = id == null ? List.of() : List.copyOf(id);
        diffEntity = diffEntity == null ? List.of() : List.copyOf(diffEntity);
        onStatus = onStatus == null ? Map.of() : Map.copyOf(onStatus);
    }

    @AssertTrue(message = "needs method POST, and must be JSON once its placeholders are filled")
    public boolean isBodyValid() {
        if (body == null) {
            return true;
        }
        try {
            JSON.readTree(BODY_PLACEHOLDER.matcher(body).replaceAll("null"));
            return "POST".equals(method);
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    @AssertTrue(message = "keys must be a 4xx or 5xx status (e.g. 404) or class (4xx, 5xx)")
    public boolean isOnStatusKeys() {
        return onStatus == null || onStatus.keySet().stream().allMatch(k -> k.matches("[45](\\d\\d|xx)"));
    }

    /** The {@code on-status} rule for {@code status}, exact before class; null when none applies. */
    public StatusAction actionFor(int status) {
        StatusAction exact = onStatus.get(String.valueOf(status));
        return exact != null ? exact : onStatus.get(status / 100 + "xx");
    }

    @AssertTrue(message = "must be an absolute http(s) URL")
    public boolean isUrlAbsolute() {
        return url == null || url.isAbsolute() && url.getScheme().matches("https?");
    }

    @AssertTrue(message = "cursor pagination reads its cursor from a JSON body: needs format.kind JSON")
    public boolean isCursorPaginationOnJson() {
        return pagination == null || format == null || pagination.kind() != PaginationConfig.Kind.CURSOR
                || format.kind() == FormatConfig.Kind.JSON;
    }

    public boolean diff() {
        return !diffEntity.isEmpty();
    }

    public String contentType() {
        return format.kind() == FormatConfig.Kind.CSV ? "text/csv" : "application/json";
    }
}
