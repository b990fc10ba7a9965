package io.streamgate.testsupport.kafka;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands tests a real Kafka broker: {@code @ExtendWith(KafkaBrokerExtension.class)}, then take a {@link KafkaBroker}
 * parameter, or call {@link #shared()} (e.g. from a Spring {@code @DynamicPropertySource}).
 *
 * <p>One broker per test JVM, started on first use and stopped when the JVM's test run ends:
 * <ul>
 *   <li>by default a single-node KRaft broker in its own JVM ({@link ProcessKafkaBroker});</li>
 *   <li>with {@code -Dkafka.bootstrap=host:port}, that broker instead;</li>
 *   <li>with {@code -Dkafka.broker=testcontainers}, a Kafka container (needs Docker and
 *   {@code org.testcontainers:kafka} on the test classpath).</li>
 * </ul>
 * Tests that stop and restart the broker check {@link KafkaBroker#restartable()} and are skipped where it is false.
 * A test that stops the broker must start it again before it ends; use {@link #isolated(String...)} for a broker of
 * its own when that is simpler.
 */
public final class KafkaBrokerExtension implements BeforeAllCallback, ParameterResolver {

    public static final String BOOTSTRAP_PROPERTY = "kafka.bootstrap";
    public static final String BROKER_PROPERTY = "kafka.broker";

    private static KafkaBroker shared;

    /** The broker shared by every test in this JVM, started on first call. */
    public static synchronized KafkaBroker shared() {
        if (shared == null) {
            String external = System.getProperty(BOOTSTRAP_PROPERTY, "");
            String kind = System.getProperty(BROKER_PROPERTY, "process");
            if (!external.isBlank()) {
                shared = new ExternalKafkaBroker(external);
            } else if (kind.equals("testcontainers")) {
                shared = new ContainerKafkaBroker();
            } else if (kind.equals("process")) {
                shared = ProcessKafkaBroker.startFresh();
            } else {
                throw new IllegalArgumentException("-D" + BROKER_PROPERTY + " must be 'process' or 'testcontainers'");
            }
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "kafka-broker-stop"));
        }
        return shared;
    }

    /** A broker of the caller's own, on new ports with new data; the caller closes it. */
    public static ProcessKafkaBroker isolated(String... config) {
        return ProcessKafkaBroker.startFresh(config);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        shared();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KafkaBroker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return shared();
    }
}
