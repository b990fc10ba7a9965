package io.streamgate.dashboard.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamgate.dashboard.window.WindowRecords;
import io.streamgate.dashboard.window.WindowStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The window store and reader, built from {@link DashboardProperties}. */
@Configuration(proxyBeanMethods = false)
class DashboardConfiguration {

    @Bean
    WindowStore windowStore(DashboardProperties properties) {
        return new WindowStore(properties.retention(), properties.maxWindows());
    }

    @Bean
    WindowRecords windowRecords(ObjectMapper json) {
        return new WindowRecords(json);
    }

    /** The topics the window listener subscribes to ({@code #{@dashboardTopics}}). */
    @Bean
    String[] dashboardTopics(DashboardProperties properties) {
        return properties.jobs().values().stream().map(DashboardProperties.Job::topic).distinct()
                .toArray(String[]::new);
    }
}
