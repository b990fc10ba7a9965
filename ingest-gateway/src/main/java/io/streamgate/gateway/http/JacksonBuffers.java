package io.streamgate.gateway.http;

import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Jackson's working buffers for the gateway's {@code ObjectMapper} come from one pool that every thread shares.
 * Jackson's default pool keeps them per thread, and each request runs on a new virtual thread: every receipt
 * serialised allocated ~16 KB of fresh buffers, a quarter of all the bytes the gateway allocated in benchmark 1's
 * profile at 64 connections. The pool holds at most one set per concurrent use, and is the one the gateway's other
 * JSON readers take from (BulkJsonBody, ingest-core's JsonSplitter).
 */
@Configuration(proxyBeanMethods = false)
class JacksonBuffers {

    @Bean
    Jackson2ObjectMapperBuilderCustomizer sharedJacksonBuffers() {
        return builder -> builder.postConfigurer(
                mapper -> mapper.getFactory().setRecyclerPool(JsonRecyclerPools.sharedConcurrentDequePool()));
    }
}
