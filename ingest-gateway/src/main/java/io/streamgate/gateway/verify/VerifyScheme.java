package io.streamgate.gateway.verify;

/** How a webhook source proves a request comes from its sender. */
public enum VerifyScheme {
    GITHUB, STRIPE, STANDARD_WEBHOOKS, SHOPIFY, SLACK, HMAC_SHA256, NONE
}
