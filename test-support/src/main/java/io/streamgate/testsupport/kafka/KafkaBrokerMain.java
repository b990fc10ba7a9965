package io.streamgate.testsupport.kafka;

import io.streamgate.testsupport.process.ExitWithParent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Entry point of the broker JVM: a single-node KRaft Kafka (broker and controller in one process).
 *
 * <p>Runs on the classpath written to {@code kafka-broker.classpath} at build time. Formats the data folder the
 * first time, starts {@code kafka.Kafka}, and writes {@code <data-dir>/ready} once an admin client can describe
 * the cluster, so whoever launched it waits on a file rather than on log lines. With {@code --parent-pid} it
 * stops itself (cleanly, through Kafka's shutdown hook) when that process ends, so a killed test run or a killed
 * run script never leaves a broker behind.
 *
 * <pre>
 * java -cp ... io.streamgate.testsupport.kafka.KafkaBrokerMain --data-dir D --port 9092 [--controller-port 9093]
 *      [--partitions 1] [--topics a,b,...] [--parent-pid PID] [--config key=value ...]
 * </pre>
 * {@code --topics} creates those topics (with {@code --partitions} partitions) before the broker reports ready, for
 * consumers such as Spark's Kafka source that fail on a topic that does not exist yet.
 */
public final class KafkaBrokerMain {

    static final String READY_FILE = "ready";

    private KafkaBrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        Properties extra = new Properties();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (args[i].equals("--config")) {
                String[] kv = args[i + 1].split("=", 2);
                extra.setProperty(kv[0], kv[1]);
            } else {
                opts.put(args[i].substring(2), args[i + 1]);
            }
        }
        Path dataDir = Path.of(require(opts, "data-dir")).toAbsolutePath();
        int port = Integer.parseInt(require(opts, "port"));
        int controllerPort = Integer.parseInt(opts.getOrDefault("controller-port", String.valueOf(port + 1)));
        Files.createDirectories(dataDir);
        Files.deleteIfExists(dataDir.resolve(READY_FILE));

        Path config = writeConfig(dataDir, port, controllerPort, opts.getOrDefault("partitions", "1"), extra);
        Path logs = dataDir.resolve("logs");
        if (!Files.exists(logs.resolve("meta.properties"))) {
            int rc = kafka.tools.StorageTool.execute(
                    new String[] {"format", "-t", newClusterId(), "-c", config.toString()}, System.out);
            if (rc != 0) {
                throw new IllegalStateException("kafka-storage format failed with exit code " + rc);
            }
        }
        if (opts.containsKey("parent-pid")) {
            ExitWithParent.watch(Long.parseLong(opts.get("parent-pid")));
        }

        Thread server = new Thread(() -> kafka.Kafka.main(new String[] {config.toString()}), "kafka-main");
        server.start();
        String partitions = opts.getOrDefault("partitions", "1");
        awaitServing("127.0.0.1:" + port, server, opts.getOrDefault("topics", ""), Integer.parseInt(partitions));
        Path tmp = dataDir.resolve(READY_FILE + ".tmp");
        Files.writeString(tmp, "127.0.0.1:" + port, StandardCharsets.UTF_8);
        Files.move(tmp, dataDir.resolve(READY_FILE), StandardCopyOption.ATOMIC_MOVE);
        System.out.println("Kafka broker ready on 127.0.0.1:" + port);
        server.join();
    }

    private static Path writeConfig(Path dataDir, int port, int controllerPort, String partitions, Properties extra)
            throws IOException {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", dataDir.resolve("logs").toString());
        p.setProperty("num.partitions", partitions);
        p.setProperty("auto.create.topics.enable", "true");
        // one node: every internal topic has one replica, and transactions must work (the poller writes with them)
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "5");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("transaction.state.log.num.partitions", "5");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.putAll(extra);
        Path file = dataDir.resolve("server.properties");
        try (var out = Files.newOutputStream(file)) {
            p.store(out, "written by KafkaBrokerMain");
        }
        return file;
    }

    private static void awaitServing(String bootstrap, Thread server, String topics, int partitions)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        Properties props = new Properties();
        props.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.setProperty(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        props.setProperty(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
        try (Admin admin = Admin.create(props)) {
            while (true) {
                if (!server.isAlive()) {
                    throw new IllegalStateException("Kafka stopped during start-up; see the log above");
                }
                try {
                    if (!admin.describeCluster().nodes().get().isEmpty()) {
                        createMissing(admin, topics, partitions);
                        return;
                    }
                } catch (ExecutionException notYet) {
                    // not serving yet: the admin call timed out or was refused
                }
                // each attempt blocks up to the admin's api timeout, which paces this loop
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("Kafka did not serve on " + bootstrap + " within 90 s");
                }
            }
        }
    }

    private static void createMissing(Admin admin, String topics, int partitions)
            throws InterruptedException, ExecutionException {
        Set<String> existing = admin.listTopics().names().get();
        List<NewTopic> missing = Arrays.stream(topics.split(","))
                .map(String::trim).filter(t -> !t.isEmpty() && !existing.contains(t))
                .map(t -> new NewTopic(t, partitions, (short) 1)).toList();
        if (!missing.isEmpty()) {
            admin.createTopics(missing).all().get();
        }
    }

    private static String newClusterId() {
        // Kafka's Uuid text form: 16 random bytes, URL-safe base64 without padding; never starting with '-'
        byte[] bytes = new byte[16];
        SecureRandom random = new SecureRandom();
        String id;
        do {
            random.nextBytes(bytes);
            id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        } while (id.startsWith("-"));
        return id;
    }

    private static String require(Map<String, String> opts, String key) {
        String value = opts.get(key);
        if (value == null) {
            throw new IllegalArgumentException("missing --" + key);
        }
        return value;
    }

}
