package io.streamgate.poller.page;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/** Query-parameter edits on encoded URIs. */
public final class Uris {

    private Uris() {
    }

    /** {@code uri} with {@code name} set to {@code value} (unencoded), replacing any earlier value. */
    public static URI with(URI uri, String name, String value) {
        return UriComponentsBuilder.fromUri(uri)
                .replaceQueryParam(encode(name), encode(value))
                .build(true).toUri();
    }

    public static URI withAll(URI uri, Map<String, String> params) {
        URI result = uri;
        for (Map.Entry<String, String> param : new java.util.TreeMap<>(params).entrySet()) {
            result = with(result, param.getKey(), param.getValue());
        }
        return result;
    }

    /** The decoded value of {@code name}, or null. */
    public static String param(URI uri, String name) {
        // names are compared decoded: '%24limit' and '$limit' are the same parameter
        for (Map.Entry<String, List<String>> param : UriComponentsBuilder.fromUri(uri).build(true).getQueryParams()
                .entrySet()) {
            if (UriUtils.decode(param.getKey(), StandardCharsets.UTF_8).equals(name)) {
                String value = param.getValue().get(0);
                return value == null ? null : UriUtils.decode(value, StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** {@code uri} without the parameter {@code name} (compared decoded). */
    public static URI without(URI uri, String name) {
        UriComponentsBuilder builder = UriComponentsBuilder.fromUri(uri);
        for (String raw : builder.build(true).getQueryParams().keySet()) {
            if (UriUtils.decode(raw, StandardCharsets.UTF_8).equals(name)) {
                builder.replaceQueryParam(raw);
            }
        }
        return builder.build(true).toUri();
    }

    private static String encode(String text) {
        return UriUtils.encodeQueryParam(text, StandardCharsets.UTF_8);
    }
}
