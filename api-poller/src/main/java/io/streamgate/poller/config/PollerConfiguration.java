package io.streamgate.poller.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.streamgate.poller.cursor.CursorStore;
import io.streamgate.poller.fetch.Fetchers;
import io.streamgate.poller.lease.SourceLeases;
import io.streamgate.poller.produce.KafkaClients;
import io.streamgate.poller.run.SourceDefinition;
import io.streamgate.poller.run.SourceMetrics;
import io.streamgate.poller.run.SourceStatus;
import io.streamgate.poller.run.SourceWorker;
import io.streamgate.poller.schedule.SourceScheduler;
import io.streamgate.poller.source.PollerProperties;
import io.streamgate.poller.source.ScheduleConfig;
import io.streamgate.poller.source.SourceConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.boot.task.SimpleAsyncTaskSchedulerBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.scheduling.concurrent.SimpleAsyncTaskScheduler;

/** Wires one worker per configured source and the scheduler that runs them. */
@Configuration(proxyBeanMethods = false)
class PollerConfiguration {

    /** Created (compacted) by Spring's KafkaAdmin at start-up if it does not exist. */
    @Bean
    NewTopic cursorTopic(PollerProperties properties) {
        return TopicBuilder.name(properties.cursorTopic()).partitions(properties.cursorPartitions())
                .config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT).build();
    }

    /** Empty: its partitions are the source leases that replicas share ({@code SourceLeases}). */
    @Bean
    NewTopic leaseTopic(PollerProperties properties) {
        return TopicBuilder.name(properties.cursorTopic() + ".leases").partitions(properties.cursorPartitions())
                .build();
    }

    @Bean
    CursorStore cursorStore(PollerProperties properties) {
        return new CursorStore(properties.cursorTopic());
    }

    /** Virtual threads when {@code spring.threads.virtual.enabled} (JDK 21+): a run mostly waits on I/O. */
    @Bean
    SimpleAsyncTaskScheduler pollerTaskScheduler(SimpleAsyncTaskSchedulerBuilder builder) {
        return builder.threadNamePrefix("poll-").build();
    }

    @Bean
    SourceScheduler sourceScheduler(PollerProperties properties, KafkaClients clients, CursorStore store,
            Fetchers fetchers, MeterRegistry meters, SimpleAsyncTaskScheduler pollerTaskScheduler) {
        List<SourceWorker> workers = new ArrayList<>();
        Map<String, ScheduleConfig> schedules = new LinkedHashMap<>();
        properties.sources().forEach((id, config) -> {
            workers.add(worker(id, config, clients, store, fetchers, meters));
            schedules.put(id, config.schedule());
        });
        return new SourceScheduler(workers, schedules, pollerTaskScheduler,
                scheduler -> new SourceLeases(properties.cursorTopic() + ".leases", clients.leaseConsumer(),
                        scheduler::leasesGained));
    }

    private static SourceWorker worker(String id, SourceConfig config, KafkaClients clients, CursorStore store,
            Fetchers fetchers, MeterRegistry meters) {
        SourceStatus status = new SourceStatus(id, config.paused());
        SourceMetrics metrics = new SourceMetrics(meters, id, status);
        return new SourceWorker(id, SourceDefinition.of(id, config), clients, store,
                fetchers.fetcher(id, config, metrics::response, metrics::retry), status, metrics);
    }
}
