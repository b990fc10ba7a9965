package io.streamgate.poller.fetch;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.streamgate.poller.page.Uris;
import io.streamgate.poller.source.SourceConfig;

/**
 * A source's POST body template made concrete for one request. Pagination and cursors set query parameters; a
 * placeholder takes one of them out of the URL and into the body: {@code "{name}"} (in quotes) as a JSON string,
 * {@code {name}} (bare) as a number when the value is one, else a string. A parameter the request does not have
 * (the cursor of a first page) is {@code null}. Parameters no placeholder names stay in the URL.
 */
public final class RequestBody {

    private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?");

    /** The request's URL, without the parameters the body took, and the body. */
    public record Rendered(URI uri, byte[] body) {
    }

    private RequestBody() {
    }

    public static Rendered render(String template, URI uri) {
        Matcher placeholder = SourceConfig.BODY_PLACEHOLDER.matcher(template);
        StringBuilder body = new StringBuilder();
        URI rest = uri;
        while (placeholder.find()) {
            boolean quoted = placeholder.group(1) != null;
            String name = quoted ? placeholder.group(1) : placeholder.group(2);
            String value = Uris.param(uri, name);
            rest = Uris.without(rest, name);
            placeholder.appendReplacement(body, Matcher.quoteReplacement(json(value, quoted)));
        }
        placeholder.appendTail(body);
        return new Rendered(rest, body.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String json(String value, boolean quoted) {
        if (value == null) {
            return "null";
        }
        if (!quoted && NUMBER.matcher(value).matches()) {
            return value;
        }
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(value)) + "\"";
    }
}
