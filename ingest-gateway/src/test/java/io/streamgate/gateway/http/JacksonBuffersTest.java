package io.streamgate.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.RecyclerPool;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamgate.gateway.support.GatewayTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The gateway's mapper reuses Jackson's buffers across threads: each request runs on a thread of its own (a new
 * virtual thread on JDK 21+; two platform threads here, as the test JVM is a JDK 17).
 */
@GatewayTest
class JacksonBuffersTest {

    @Autowired
    ObjectMapper mapper;

    @Test
    void buffersReleasedByOneRequestThreadAreTakenByTheNext() throws InterruptedException {
        RecyclerPool<BufferRecycler> pool = mapper.getFactory()._getRecyclerPool();

        BufferRecycler first = takeAndReleaseOnANewThread(pool);
        BufferRecycler second = takeAndReleaseOnANewThread(pool);

        assertThat(second).isNotNull().isSameAs(first);
    }

    private static BufferRecycler takeAndReleaseOnANewThread(RecyclerPool<BufferRecycler> pool)
            throws InterruptedException {
        AtomicReference<BufferRecycler> taken = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            BufferRecycler buffers = pool.acquireAndLinkPooled();
            taken.set(buffers);
            buffers.releaseToPool();
        });
        thread.start();
        thread.join();
        return taken.get();
    }
}
