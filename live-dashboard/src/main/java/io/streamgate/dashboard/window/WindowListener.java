package io.streamgate.dashboard.window;

import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.streamgate.dashboard.config.DashboardProperties;
import io.streamgate.dashboard.live.LiveUpdates;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Takes the aggregator's changed windows from Kafka into the store and on to the browsers. Every dashboard reads
 * every topic from its beginning under a group of its own (a new id per start), so it rebuilds its state after a
 * restart and several dashboards each see everything. A tombstone (a key without a value: the aggregator rebuilt the
 * job under a new spec and has no such window) removes its window. A record that is no window row is logged with
 * its reason and counted ({@code streamgate.dashboard.records{outcome=rejected}}), then skipped: the view must not
 * stop on it.
 */
@Component
class WindowListener {

    private static final Logger LOG = LoggerFactory.getLogger(WindowListener.class);

    private final DashboardProperties properties;
    private final WindowRecords records;
    private final WindowStore store;
    private final LiveUpdates live;
    private final Counter accepted;
    private final Counter rejected;
    private final Counter retracted;

    WindowListener(DashboardProperties properties, WindowRecords records, WindowStore store, LiveUpdates live,
            MeterRegistry meters) {
        this.properties = properties;
        this.records = records;
        this.store = store;
        this.live = live;
        this.accepted = meters.counter("streamgate.dashboard.records", "outcome", "accepted");
        this.rejected = meters.counter("streamgate.dashboard.records", "outcome", "rejected");
        this.retracted = meters.counter("streamgate.dashboard.records", "outcome", "retracted");
        meters.gauge("streamgate.dashboard.windows", store, WindowStore::size);
    }

    @KafkaListener(id = "windows", topics = "#{@dashboardTopics}",
            groupId = "live-dashboard-#{T(java.util.UUID).randomUUID()}")
    void onWindow(ConsumerRecord<String, String> record) {
        String job = properties.jobOf(record.topic()).orElseThrow();
        List<String> measures = properties.jobs().get(job).measures();
        if (record.value() == null && record.key() != null) {
            store.remove(job, record.key()).ifPresent(live::retract);
            retracted.increment();
            return;
        }
        try {
            WindowUpdate update = records.read(job, measures, record.key(), record.value());
            store.put(update).ifPresent(live::window);
            accepted.increment();
        } catch (WindowRecords.InvalidWindowException e) {
            rejected.increment();
            LOG.warn("Skipped record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
        }
    }
}
