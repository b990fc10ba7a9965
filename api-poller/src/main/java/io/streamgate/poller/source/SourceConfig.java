package io.streamgate.poller.source;

import java.net.URI;
import java.util.List;
import java.util.Map;

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
 * @param onSpecChange what to do when the cursor stored for this source was written under another spec
 *        ({@code SourceSpec}: URL, pagination, incremental cursor, mode): REFUSE to run until an operator resets it,
 *        or RESET it by itself and read afresh
 */
public record SourceConfig(
        @NotNull URI url,
        @NotNull @Pattern(regexp = "GET|POST") @DefaultValue("GET") String method,
        Map<String, String> headers,
        Map<String, String> params,
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
        @NotNull @DefaultValue("REFUSE") OnSpecChange onSpecChange) {

    public enum OnSpecChange { REFUSE, RESET }

    public SourceConfig {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        params = params == null ? Map.of() : Map.copyOf(params);
        id = id == null ? List.of() : List.copyOf(id);
        diffEntity = diffEntity == null ? List.of() : List.copyOf(diffEntity);
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
