package io.streamgate.gateway.auth;

import io.streamgate.gateway.source.Source;
import io.streamgate.gateway.source.SourceKind;
import io.streamgate.gateway.source.SourceRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** An events source without credentials takes anyone's events: say so at start-up, once per source. */
@Component
class OpenSourcesWarning {

    private static final Logger log = LoggerFactory.getLogger(OpenSourcesWarning.class);

    OpenSourcesWarning(SourceRegistry sources) {
        for (Source source : sources.all().values()) {
            if (source.properties().kind() == SourceKind.EVENTS && source.properties().auth().open()) {
                log.warn("events source '{}' has no credentials (streamgate.sources.{}.auth): anyone may post to "
                        + "/events/{}", source.id(), source.id(), source.id());
            }
        }
    }
}
