package io.streamgate.gateway.connection;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many connections are held, in all and per TCP peer address, against their caps. A connection is admitted
 * only if both caps have room; a trusted proxy counts towards the global cap only, since it carries many clients.
 * Thread-safe: admissions come from the acceptor threads, releases from the selectors.
 */
final class ConnectionBudget {

    /**
     * Heap a held connection costs, an upper estimate until bench/gateway-memory.sh measures it (README
     * "Connections"): a slow client's connection with its endpoint, parser, request buffer and our bookkeeping; the
     * body is not included (bodies are bounded per source by {@code max-body}).
     */
    static final long BYTES_PER_CONNECTION = 64 * 1024;

    /** Share of the heap the connections together may take; the rest is for request work, Kafka's buffer, caches. */
    static final double HEAP_SHARE = 0.25;

    enum Verdict { ADMITTED, OVER_GLOBAL_CAP, OVER_ADDRESS_CAP }

    private final int maxConnections;
    private final int maxPerAddress;
    private final List<AddressBlock> trustedProxies;
    private final AtomicInteger open = new AtomicInteger();
    private final ConcurrentHashMap<InetAddress, Integer> perAddress = new ConcurrentHashMap<>();

    ConnectionBudget(int maxConnections, int maxPerAddress, List<AddressBlock> trustedProxies) {
        this.maxConnections = maxConnections;
        this.maxPerAddress = maxPerAddress;
        this.trustedProxies = List.copyOf(trustedProxies);
    }

    /** The global cap for a heap of {@code maxHeapBytes}: its {@link #HEAP_SHARE} in connections, at least 64. */
    static int fromHeap(long maxHeapBytes) {
        return (int) Math.max(64, Math.min(Integer.MAX_VALUE, (long) (maxHeapBytes * HEAP_SHARE) / BYTES_PER_CONNECTION));
    }

    Verdict tryAdmit(InetAddress peer) {
        if (open.incrementAndGet() > maxConnections) {
            open.decrementAndGet();
            return Verdict.OVER_GLOBAL_CAP;
        }
        if (isTrustedProxy(peer)) {
            return Verdict.ADMITTED;
        }
        boolean[] admitted = {false};
        // compute() counts atomically per address, and the map holds only addresses that have connections
        perAddress.compute(peer, (address, held) -> {
            int count = held == null ? 0 : held;
            if (count >= maxPerAddress) {
                return held;
            }
            admitted[0] = true;
            return count + 1;
        });
        if (!admitted[0]) {
            open.decrementAndGet();
            return Verdict.OVER_ADDRESS_CAP;
        }
        return Verdict.ADMITTED;
    }

    void release(InetAddress peer) {
        open.decrementAndGet();
        if (!isTrustedProxy(peer)) {
            perAddress.computeIfPresent(peer, (address, held) -> held <= 1 ? null : held - 1);
        }
    }

    boolean isTrustedProxy(InetAddress peer) {
        for (AddressBlock block : trustedProxies) {
            if (block.contains(peer)) {
                return true;
            }
        }
        return false;
    }

    int open() {
        return open.get();
    }

    int open(InetAddress peer) {
        return perAddress.getOrDefault(peer, 0);
    }

    int maxConnections() {
        return maxConnections;
    }
}
