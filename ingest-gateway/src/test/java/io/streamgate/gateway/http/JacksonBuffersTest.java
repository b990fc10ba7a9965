package io.streamgate.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

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
        onANewThread(() -> pool.acquireAndLinkPooled().releaseToPool());
        int pooled = pool.pooledCount(); // a per-thread pool counts nothing (-1)
        AtomicInteger pooledWhileTaken = new AtomicInteger(-1);

        onANewThread(() -> {
            BufferRecycler buffers = pool.acquireAndLinkPooled();
            pooledWhileTaken.set(pool.pooledCount());
            buffers.releaseToPool();
        });

        assertThat(pooled).isPositive();
        assertThat(pooledWhileTaken.get()).isEqualTo(pooled - 1);
    }

    private static void onANewThread(Runnable work) throws InterruptedException {
        Thread thread = new Thread(work);
        thread.start();
        thread.join();
    }
}
