package io.streamgate.gateway.source;

/** Which endpoint a source is served on: {@code /webhooks/{id}} or {@code /events/{id}}. */
public enum SourceKind {
    WEBHOOK, EVENTS
}
