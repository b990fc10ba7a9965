package io.streamgate.gateway.webhook;

import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

import io.streamgate.gateway.source.Source;
import io.streamgate.gateway.source.SourceKind;
import io.streamgate.gateway.source.SourceRegistry;
import io.streamgate.gateway.verify.SignatureVerifier;
import io.streamgate.gateway.verify.SignedRequest;
import io.streamgate.gateway.verify.Verdict;
import org.springframework.stereotype.Component;

/** Each webhook source's verifier, built once at start-up from its validated configuration. */
@Component
class SourceVerifiers {

    private final Map<String, SignatureVerifier> bySource;

    SourceVerifiers(SourceRegistry sources) {
        this.bySource = sources.all().values().stream()
                .filter(source -> source.properties().kind() == SourceKind.WEBHOOK)
                .collect(Collectors.toUnmodifiableMap(Source::id,
                        source -> SignatureVerifier.of(source.properties().verify())));
    }

    Verdict verify(Source source, SignedRequest request) {
        return bySource.get(source.id()).verify(request, Instant.now());
    }
}
