package io.streamgate.gateway.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.streamgate.gateway.support.GatewayTest;
import org.junit.jupiter.api.Test;

/**
 * The ingest servlet's routes answer what lies beside them as Spring MVC did: another method is a 405 naming POST,
 * OPTIONS names the methods, a path with no source id or more segments is a 404, and every refusal is a problem
 * whose instance is the request's path.
 */
@GatewayTest
class IngestServletTest {

    @Test
    void anotherMethodIsA405ProblemNamingPost() {
        given().when().get("/events/raw")
                .then().statusCode(405).contentType("application/problem+json").header("Allow", "POST")
                .body("title", equalTo("Method Not Allowed")).body("instance", equalTo("/events/raw"));
        given().contentType("application/json").body("{}").when().put("/webhooks/wh-github")
                .then().statusCode(405).contentType("application/problem+json").header("Allow", "POST");
    }

    @Test
    void optionsNamesTheMethods() {
        given().when().options("/webhooks/wh-github").then().statusCode(200).header("Allow", "POST,OPTIONS");
    }

    @Test
    void headIsA405Too() {
        given().when().head("/events/raw").then().statusCode(405).header("Allow", "POST");
    }

    /** The same problem as for a path outside the servlet's, which Spring MVC answers. */
    @Test
    void pathsBesideASourcesAre404Problems() {
        for (String path : new String[] {"/events", "/events/", "/events/raw/more", "/webhooks/wh-github/more",
                "/no/such/path"}) {
            given().contentType("application/json").body("{}").when().post(path)
                    .then().statusCode(404).contentType("application/problem+json")
                    .body("title", equalTo("Unknown path")).body("instance", equalTo(path));
        }
    }

    @Test
    void aRefusalNamesItsPathAsInstance() {
        given().contentType("application/json").body("{}").when().post("/events/no-such-source")
                .then().statusCode(404).contentType("application/problem+json")
                .body("title", equalTo("Unknown source")).body("instance", equalTo("/events/no-such-source"));
    }

    /** A receipt is JSON whatever the client accepts: refusing a delivery over its Accept header would lose it. */
    @Test
    void anAcceptHeaderWithoutJsonDoesNotRefuseTheRequest() {
        given().accept("text/html").contentType("text/csv; header=absent")
                .body("A002,R051,02-00-00,59 ST,NQR456W,BMT,09/14/2024,04:00:00,REGULAR,5,6")
                .when().post("/events/raw")
                .then().statusCode(202).contentType("application/json").body("accepted", equalTo(1));
    }
}
