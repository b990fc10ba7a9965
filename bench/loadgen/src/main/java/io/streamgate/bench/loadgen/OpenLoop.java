package io.streamgate.bench.loadgen;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;

/**
 * Open-loop HTTP/1.1 load generator, in the manner of wrk2: requests are due at a constant total rate, spread over
 * a fixed number of keep-alive connections, and each request's latency is measured from the time it was DUE, not
 * from when it could be sent. A server that stalls therefore shows the stall in every request that queued behind
 * it, instead of hiding it by slowing the generator down (coordinated omission).
 *
 * <pre>
 * java -cp bench-loadgen.jar io.streamgate.bench.loadgen.OpenLoop --url URL --requests FILE --connections 64
 *      --rate 5000 [--duration 20] [--warmup 5]
 * </pre>
 * Prints one line of {@code key=value}: the achieved rate, records/s, non-2xx and errors, and the latency
 * percentiles in milliseconds (p50 p95 p99 p999 max).
 */
public final class OpenLoop {

    /** How long after the end of the schedule a connection may go on sending what is overdue. */
    private static final long GIVE_UP_NS = 5_000_000_000L;

    private OpenLoop() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i].substring(2), args[i + 1]);
        }
        URI url = URI.create(opts.get("url"));
        List<RequestFile.Template> requests = RequestFile.read(Path.of(opts.get("requests")), url);
        int connections = Integer.parseInt(opts.getOrDefault("connections", "64"));
        double rate = Double.parseDouble(opts.getOrDefault("rate", "1000"));
        long warmupNs = (long) (Double.parseDouble(opts.getOrDefault("warmup", "5")) * 1e9);
        long durationNs = (long) (Double.parseDouble(opts.getOrDefault("duration", "20")) * 1e9);

        long intervalNs = (long) (1e9 * connections / rate);
        long start = System.nanoTime() + 200_000_000L;
        long measureFrom = start + warmupNs;
        long end = measureFrom + durationNs;
        AtomicLong seq = new AtomicLong(System.currentTimeMillis() << 20);
        List<Connection> all = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            Connection c = new Connection(url, requests, seq, start + i * intervalNs / connections, intervalNs,
                    measureFrom, end, i);
            all.add(c);
            Thread t = new Thread(c, "conn-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join(Math.max(1, (end - System.nanoTime() + GIVE_UP_NS) / 1_000_000 + 10_000));
        }
        Histogram total = new Histogram(3_600_000_000_000L, 3);
        long ok = 0, non2xx = 0, errors = 0, records = 0, late = 0, unsent = 0;
        for (Connection c : all) {
            total.add(c.latency);
            ok += c.ok;
            non2xx += c.non2xx;
            errors += c.errors;
            records += c.records;
            unsent += c.unsent;
            late += c.unfinished(threads.get(all.indexOf(c)).isAlive());
        }
        double seconds = durationNs / 1e9;
        System.out.printf(Locale.ROOT, "target_rate=%.0f achieved_rate=%.1f records_per_s=%.1f ok=%d non2xx=%d "
                        + "errors=%d unsent=%d unfinished=%d p50=%.2f p95=%.2f p99=%.2f p999=%.2f max=%.2f%n",
                rate, (ok + non2xx) / seconds, records / seconds, ok, non2xx, errors, unsent, late,
                ms(total.getValueAtPercentile(50)), ms(total.getValueAtPercentile(95)),
                ms(total.getValueAtPercentile(99)), ms(total.getValueAtPercentile(99.9)), ms(total.getMaxValue()));
        System.exit(0);
    }

    private static double ms(long ns) {
        return ns / 1e6;
    }

    /** One keep-alive connection and its share of the schedule. */
    private static final class Connection implements Runnable {

        private final URI url;
        private final List<RequestFile.Template> requests;
        private final AtomicLong seq;
        private final long intervalNs;
        private final long measureFrom;
        private final long end;
        private final int offset;
        private long due;
        final Histogram latency = new Histogram(3_600_000_000_000L, 3);
        long ok;
        long non2xx;
        long errors;
        long records;
        long unsent;
        private volatile boolean finished;

        Connection(URI url, List<RequestFile.Template> requests, AtomicLong seq, long firstDue, long intervalNs,
                long measureFrom, long end, int offset) {
            this.url = url;
            this.requests = requests;
            this.seq = seq;
            this.due = firstDue;
            this.intervalNs = intervalNs;
            this.measureFrom = measureFrom;
            this.end = end;
            this.offset = offset;
        }

        long unfinished(boolean alive) {
            return alive && !finished ? 1 : 0;
        }

        @Override
        public void run() {
            Socket socket = null;
            int next = offset;
            ResponseReader reader = null;
            OutputStream out = null;
            while (due < end) {
                if (System.nanoTime() > end + GIVE_UP_NS) {
                    // the server fell so far behind that the rest of the schedule can never be sent in time
                    unsent = (end - due + intervalNs - 1) / intervalNs;
                    break;
                }
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                    continue;
                }
                RequestFile.Template request = requests.get(next++ % requests.size());
                try {
                    if (socket == null) {
                        socket = new Socket();
                        socket.setTcpNoDelay(true);
                        socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), 5_000);
                        socket.setSoTimeout(60_000);
                        out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
                        reader = new ResponseReader(socket.getInputStream());
                    }
                    request.writeTo(out, seq.getAndIncrement());
                    out.flush();
                    int status = reader.read();
                    long done = System.nanoTime();
                    if (due >= measureFrom) {
                        latency.recordValue(Math.max(0, done - due));
                        if (status / 100 == 2) {
                            ok++;
                            records += request.records();
                        } else {
                            non2xx++;
                        }
                    }
                    if (reader.closeRequested()) {
                        socket.close();
                        socket = null;
                    }
                } catch (IOException e) {
                    if (due >= measureFrom) {
                        errors++;
                        latency.recordValue(Math.max(0, System.nanoTime() - due));
                    }
                    closeQuietly(socket);
                    socket = null;
                }
                due += intervalNs;
            }
            closeQuietly(socket);
            finished = true;
        }

        private static void closeQuietly(Socket socket) {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing after a failure: nothing left to report
                }
            }
        }
    }

    /** Reads one HTTP/1.1 response at a time from a keep-alive connection: status, headers, body. */
    static final class ResponseReader {

        private final InputStream in;
        private final byte[] buf = new byte[64 * 1024];
        private int pos;
        private int limit;
        private boolean close;

        ResponseReader(InputStream in) {
            this.in = in;
        }

        boolean closeRequested() {
            return close;
        }

        int read() throws IOException {
            String statusLine = line();
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            close = false;
            for (String h = line(); !h.isEmpty(); h = line()) {
                String lower = h.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    close = true;
                }
            }
            if (chunked) {
                for (long size = Long.parseLong(line().split(";")[0].trim(), 16); size > 0;
                        size = Long.parseLong(line().split(";")[0].trim(), 16)) {
                    skip(size);
                    line();
                }
                for (String trailer = line(); !trailer.isEmpty(); trailer = line()) {
                    // trailers are not used
                }
            } else if (length > 0) {
                skip(length);
            }
            return status;
        }

        private void skip(long n) throws IOException {
            while (n > 0) {
                fill();
                int take = (int) Math.min(n, limit - pos);
                pos += take;
                n -= take;
            }
        }

        private String line() throws IOException {
            StringBuilder s = new StringBuilder();
            while (true) {
                fill();
                byte b = buf[pos++];
                if (b == '\n') {
                    int len = s.length();
                    return len > 0 && s.charAt(len - 1) == '\r' ? s.substring(0, len - 1) : s.toString();
                }
                s.append((char) b);
            }
        }

        private void fill() throws IOException {
            if (pos < limit) {
                return;
            }
            limit = in.read(buf, 0, buf.length);
            pos = 0;
            if (limit < 0) {
                limit = 0;
                throw new IOException("connection closed by the server");
            }
        }
    }
}
