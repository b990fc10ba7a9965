package io.streamgate.poller.page;

import java.net.URI;
import java.util.Optional;

/** A feed that answers in one response. */
public record SinglePage() implements Pagination {

    @Override
    public URI first(URI base) {
        return base;
    }

    @Override
    public Optional<URI> next(PageView page) {
        return Optional.empty();
    }
}
