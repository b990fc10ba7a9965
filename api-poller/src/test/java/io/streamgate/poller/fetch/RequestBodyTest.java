package io.streamgate.poller.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class RequestBodyTest {

    private static String body(RequestBody.Rendered rendered) {
        return new String(rendered.body(), StandardCharsets.UTF_8);
    }

    @Test
    void placeholdersTakeTheirParametersOutOfTheUrlAndTheRestStay() {
        RequestBody.Rendered rendered = RequestBody.render("{\"from\": {$offset}, \"size\": {$limit}, \"q\": \"{q}\"}",
                URI.create("https://api.example/search?$offset=50&$limit=25&q=a%20%22b%22&api_key=k"));
        assertThat(body(rendered)).isEqualTo("{\"from\": 50, \"size\": 25, \"q\": \"a \\\"b\\\"\"}");
        assertThat(rendered.uri()).hasToString("https://api.example/search?api_key=k");
    }

    @Test
    void aBarePlaceholderIsANumberOnlyWhenItsValueIsOneAndAnAbsentParameterIsNull() {
        RequestBody.Rendered rendered = RequestBody.render("{\"after\": {cursor}, \"since\": \"{since}\", \"n\": {n}}",
                URI.create("https://api.example/search?cursor=abc%2Fdef&n=-1.5e3"));
        assertThat(body(rendered)).isEqualTo("{\"after\": \"abc/def\", \"since\": null, \"n\": -1.5e3}");
        assertThat(rendered.uri()).hasToString("https://api.example/search");
    }

    @Test
    void aTemplateWithoutPlaceholdersIsSentAsItIs() {
        RequestBody.Rendered rendered = RequestBody.render("{\"query\": {\"match_all\": {}}}",
                URI.create("https://api.example/search?page=2"));
        assertThat(body(rendered)).isEqualTo("{\"query\": {\"match_all\": {}}}");
        assertThat(rendered.uri()).hasToString("https://api.example/search?page=2");
    }
}
