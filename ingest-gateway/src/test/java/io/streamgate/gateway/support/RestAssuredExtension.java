package io.streamgate.gateway.support;

import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Points rest-assured at the running app, and sends content types exactly as a test writes them (rest-assured
 * otherwise appends a charset, which the gateway would faithfully pass on to Kafka).
 */
class RestAssuredExtension implements BeforeEachCallback {

    @Override
    public void beforeEach(ExtensionContext context) {
        var environment = SpringExtension.getApplicationContext(context).getEnvironment();
        RestAssured.port = Integer.parseInt(environment.getRequiredProperty("local.server.port"));
        RestAssured.config = RestAssuredConfig.config().encoderConfig(
                EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false));
    }
}
