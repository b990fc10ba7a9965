package io.streamgate.testsupport.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * One hostile client on one address, as the issue describes it: it opens up to {@code target} connections and
 * keeps them trickling — half send a request line and then one header line every {@code every}, half send full
 * headers with {@code Content-Length: 1000000} and then one body byte every {@code every} — and opens a new one
 * whenever the server closes one, for as long as it runs. One selector thread, non-blocking channels, so that
 * thousands of connections need no thousands of threads (one file descriptor each: mind {@code ulimit -n}).
 *
 * <p>From the command line (benchmarks), it prints one line of {@code key=value} when done:
 * <pre>
 * java -cp test-support/target/classes io.streamgate.testsupport.http.SlowFlood --to 127.0.0.1:8080
 *      --path /events/x [--from 127.0.0.1] [--connections 9000] [--every 3] [--seconds 60] [--kinds both|headers]
 *      [--new-per-second 150]
 * </pre>
 */
public final class SlowFlood implements AutoCloseable {

    private static final int BODY_LENGTH = 1_000_000;

    private final InetSocketAddress from;
    private final InetSocketAddress to;
    private final String path;
    private final int target;
    private final boolean bodies;
    private final long everyNanos;
    private final Selector selector;
    private final List<Slow> open = new ArrayList<>();
    private long opened;
    private long closedByServer;
    private long timeoutAnswers;

    /** One slow connection and when it next sends. */
    private static final class Slow {
        final SocketChannel channel;
        final boolean body;
        long nextSend;
        int sent;
        boolean established;

        Slow(SocketChannel channel, boolean body) {
            this.channel = channel;
            this.body = body;
        }
    }

    /** Both kinds of slow connection, half and half. */
    public SlowFlood(InetSocketAddress from, InetSocketAddress to, String path, int target, Duration every)
            throws IOException {
        this(from, to, path, target, every, true);
    }

    /** With {@code bodies} false, only connections whose headers trickle. */
    public SlowFlood(InetSocketAddress from, InetSocketAddress to, String path, int target, Duration every,
            boolean bodies) throws IOException {
        this.from = from;
        this.to = to;
        this.path = path;
        this.target = target;
        this.bodies = bodies;
        this.everyNanos = every.toNanos();
        this.selector = Selector.open();
    }

    /** Floods until {@code duration} has passed; new connections at most {@code maxNewPerSecond} once all were tried. */
    public void run(Duration duration, int maxNewPerSecond) throws IOException {
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long refill = start;
        while (System.nanoTime() < end) {
            long now = System.nanoTime();
            // the first target connections at once, then replacements at a bounded rate (ephemeral ports are finite)
            int room = opened < target ? target : (int) Math.min(maxNewPerSecond, (now - refill) * maxNewPerSecond / 1_000_000_000L);
            if (opened >= target && room > 0) {
                refill = now;
            }
            for (int i = 0; i < room && open.size() < target; i++) {
                connect(now);
            }
            selector.select(100);
            handleEvents();
            trickle(System.nanoTime());
        }
    }

    private void connect(long now) {
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(new InetSocketAddress(from.getAddress(), 0));
            Slow slow = new Slow(channel, bodies && opened % 2 == 1);
            slow.nextSend = now;
            channel.connect(to);
            channel.register(selector, SelectionKey.OP_CONNECT | SelectionKey.OP_READ, slow);
            open.add(slow);
            opened++;
        } catch (IOException e) {
            closeQuietly(channel); // e.g. out of ephemeral ports for a moment: try again on the next round
        }
    }

    private void handleEvents() {
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        while (keys.hasNext()) {
            SelectionKey key = keys.next();
            keys.remove();
            Slow slow = (Slow) key.attachment();
            try {
                if (key.isConnectable() && slow.channel.finishConnect()) {
                    slow.established = true;
                    key.interestOps(SelectionKey.OP_READ);
                } else if (key.isReadable()) {
                    buffer.clear();
                    int read = slow.channel.read(buffer);
                    if (read > 0 && new String(buffer.array(), 0, read, StandardCharsets.US_ASCII).contains(" 408 ")) {
                        timeoutAnswers++;
                    }
                    if (read < 0) {
                        drop(slow, true);
                    }
                }
            } catch (IOException e) {
                drop(slow, true);
            }
        }
    }

    private void trickle(long now) {
        for (Slow slow : List.copyOf(open)) {
            if (!slow.established || now < slow.nextSend) {
                continue;
            }
            try {
                slow.channel.write(ByteBuffer.wrap(nextPiece(slow).getBytes(StandardCharsets.US_ASCII)));
                slow.sent++;
                slow.nextSend = now + everyNanos;
            } catch (IOException e) {
                drop(slow, true);
            }
        }
    }

    private String nextPiece(Slow slow) {
        if (slow.sent > 0) {
            return slow.body ? "x" : "X-Slow-" + slow.sent + ": " + slow.sent + "\r\n";
        }
        String head = "POST " + path + " HTTP/1.1\r\nHost: " + to.getHostString() + ":" + to.getPort() + "\r\n";
        return slow.body ? head + "Content-Type: application/json\r\nContent-Length: " + BODY_LENGTH + "\r\n\r\n" : head;
    }

    private void drop(Slow slow, boolean byServer) {
        if (open.remove(slow) && byServer) {
            closedByServer++;
        }
        closeQuietly(slow.channel);
    }

    public long opened() {
        return opened;
    }

    public long closedByServer() {
        return closedByServer;
    }

    public long timeoutAnswers() {
        return timeoutAnswers;
    }

    public int holding() {
        return open.size();
    }

    public static void main(String[] args) throws IOException {
        java.util.Map<String, String> opts = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i].substring(2), args[i + 1]);
        }
        String[] to = opts.get("to").split(":");
        try (SlowFlood flood = new SlowFlood(new InetSocketAddress(opts.getOrDefault("from", "127.0.0.1"), 0),
                new InetSocketAddress(to[0], Integer.parseInt(to[1])), opts.get("path"),
                Integer.parseInt(opts.getOrDefault("connections", "9000")),
                Duration.ofMillis((long) (Double.parseDouble(opts.getOrDefault("every", "3")) * 1000)),
                !opts.getOrDefault("kinds", "both").equals("headers"))) {
            flood.run(Duration.ofSeconds(Long.parseLong(opts.getOrDefault("seconds", "60"))),
                    Integer.parseInt(opts.getOrDefault("new-per-second", "150")));
            System.out.printf("opened=%d closed_by_server=%d answered_408=%d holding=%d%n", flood.opened(),
                    flood.closedByServer(), flood.timeoutAnswers(), flood.holding());
        }
    }

    @Override
    public void close() throws IOException {
        for (Slow slow : List.copyOf(open)) {
            drop(slow, false);
        }
        selector.close();
    }

    private static void closeQuietly(SocketChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // closing a socket the peer reset: nothing left to release
            }
        }
    }
}
