package io.streamgate.gateway.observe;

import static io.restassured.RestAssured.given;

/** Requests whose timing the observe tests look for. */
final class TimedRequests {

    private TimedRequests() {
    }

    /** Posts one turnstile row (unique, so never a duplicate) to the raw source, which accepts it with 202. */
    static void postAcceptedRow() {
        given().contentType("text/csv; header=absent").body("A002,R051,02-00-00,59 ST,NQR456W,BMT,09/14/2024,"
                + "04:00:00,REGULAR," + System.nanoTime() + ",1").when().post("/events/raw").then().statusCode(202);
    }
}
