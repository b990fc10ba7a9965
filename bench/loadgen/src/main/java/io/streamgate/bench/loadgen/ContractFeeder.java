package io.streamgate.bench.loadgen;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Feeds the mta-turnstile topic at a constant rate with records exactly as the gateway and the poller write them
 * (CloudEvents Kafka binding, binary mode: a CSV row as value, {@code ce_*} headers), for the aggregator benchmark.
 *
 * <p>It replays turnstile history fast: {@code --turnstiles} turnstiles each report once per 4-hour tick, and the
 * ticks follow each other as fast as the rate allows, so event time runs far ahead of wall time. That keeps the
 * job's watermark moving and its state (dedup keys, open windows) bounded, as it would be for a day of real data.
 *
 * <pre>
 * java -cp bench-loadgen.jar io.streamgate.bench.loadgen.ContractFeeder --bootstrap HOST:PORT --topic T
 *      --rate 50000 --seconds 40 [--turnstiles 5000] [--start-record 0]
 * </pre>
 * Prints {@code sent=N seconds=S records_per_s=R next_record=K} (K: where a following run should go on).
 */
public final class ContractFeeder {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MM/dd/yyyy");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final Instant FIRST_TICK = Instant.parse("2020-01-01T05:00:00Z");
    private static final Duration TICK = Duration.ofHours(4);
    private static final String[][] STATIONS = {
        {"59 ST", "NQR456W", "BMT"}, {"14 ST-UNION SQ", "LNQR456W", "BMT"}, {"GRD CNTRL-42 ST", "4567S", "IRT"},
        {"34 ST-PENN STA", "ACE", "IND"}, {"TIMES SQ-42 ST", "1237ACENQRSW", "IRT"}};

    private ContractFeeder() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i].substring(2), args[i + 1]);
        }
        String topic = opts.get("topic");
        double rate = Double.parseDouble(opts.getOrDefault("rate", "50000"));
        double seconds = Double.parseDouble(opts.getOrDefault("seconds", "30"));
        int turnstiles = Integer.parseInt(opts.getOrDefault("turnstiles", "5000"));
        long first = Long.parseLong(opts.getOrDefault("start-record", "0"));

        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, opts.get("bootstrap"));
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 65_536);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        AtomicLong failed = new AtomicLong();
        long k = first;
        long start;
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            // the clock starts once the producer exists: on a loaded machine creating it took longer than a short
            // feed, which then sent nothing
            start = System.nanoTime();
            long end = start + (long) (seconds * 1e9);
            while (true) {
                long now = System.nanoTime();
                if (now >= end) {
                    break;
                }
                long due = first + (long) ((now - start) / 1e9 * rate);
                if (k >= due) {
                    Thread.sleep(1);
                    continue;
                }
                for (; k < due; k++) {
                    producer.send(record(topic, k, turnstiles), (m, e) -> {
                        if (e != null) {
                            failed.incrementAndGet();
                        }
                    });
                }
            }
            producer.flush();
        }
        double took = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "sent=%d failed=%d seconds=%.1f records_per_s=%.0f next_record=%d%n",
                k - first, failed.get(), took, (k - first) / took, k);
    }

    private static ProducerRecord<String, byte[]> record(String topic, long k, int turnstiles) {
        int t = (int) (k % turnstiles);
        long tick = k / turnstiles;
        ZonedDateTime at = FIRST_TICK.plus(TICK.multipliedBy(tick)).atZone(NEW_YORK);
        String[] station = STATIONS[t % STATIONS.length];
        String unit = String.format(Locale.ROOT, "R%03d", t / 10 % 1000);
        String row = String.format(Locale.ROOT, "A%03d,%s,%02d-00-%02d,%s,%s,%s,%s,%s,REGULAR,%d,%d",
                t / 100 % 1000, unit, t % 100 / 10, t % 10, station[0], station[1], station[2],
                DATE.format(at), TIME.format(at), 10 + k % 200, 5 + k % 150);
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_specversion", bytes("1.0"));
        headers.add("ce_id", bytes("bench-feeder:" + k));
        headers.add("ce_source", bytes("/sources/bench-feeder"));
        headers.add("ce_type", bytes("mta.turnstile.reading"));
        headers.add("ce_time", bytes(at.toOffsetDateTime().toString()));
        headers.add("content-type", bytes("text/csv"));
        return new ProducerRecord<>(topic, null, unit, row.getBytes(StandardCharsets.UTF_8), headers);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
