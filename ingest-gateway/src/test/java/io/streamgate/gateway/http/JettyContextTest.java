package io.streamgate.gateway.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import io.streamgate.gateway.support.GatewayTest;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.embedded.jetty.JettyWebServer;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;

/**
 * The servlet context guards no web-archive folders (a per-request cost for folders the jar does not have), and
 * those paths still serve nothing.
 */
@GatewayTest
class JettyContextTest {

    @Autowired
    ServletWebServerApplicationContext context;

    @Test
    void theContextHasNoProtectedTargets() {
        var contexts = ((JettyWebServer) context.getWebServer()).getServer().getDescendants(ContextHandler.class);

        assertThat(contexts).isNotEmpty().allSatisfy(c -> assertThat(c.getProtectedTargets()).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/META-INF/MANIFEST.MF", "/WEB-INF/web.xml", "/BOOT-INF/classes/application.yml",
            "/application.yml", "/static/../META-INF/MANIFEST.MF", "/%2e%2e/META-INF/MANIFEST.MF"})
    void webArchiveAndClasspathPathsServeNothing(String path) {
        Response response = given().urlEncodingEnabled(false).get(path);

        assertThat(response.statusCode()).isBetween(400, 404);
        assertThat(response.asString()).doesNotContain("Manifest-Version").doesNotContain("bootstrap-servers");
    }
}
