package io.streamgate.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.streamgate.testsupport.browser.Chromium;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The page in Debian's headless Chromium, fed through the real broker: a window published to the topic is on the
 * page when it opens, an update to it replaces the shown value and a tombstone removes it without a reload, and the
 * services' states show.
 */
@DashboardTest
class DashboardBrowserTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private ChromeDriver browser;

    @LocalServerPort
    int port;

    @BeforeEach
    void openBrowser(@TempDir Path profile) {
        browser = Chromium.startDriver(profile);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aPublishedWindowIsOnThePageAndItsUpdateReplacesTheValueWithoutReload() {
        String station = "BROWSER ST " + System.nanoTime();
        TestTopics.publishMtaWindow(station, "00-00-01", "2026-12-01T08:00:00.000Z", "2026-12-01T12:00:00.000Z", 17, 9);

        browser.get("http://127.0.0.1:" + port + "/");
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(measures(station)).containsExactly("entries 17", "exits 9"));
        ((JavascriptExecutor) browser).executeScript("window.sameDocument = true");

        TestTopics.publishMtaWindow(station, "00-00-01", "2026-12-01T08:00:00.000Z", "2026-12-01T12:00:00.000Z", 23, 11);

        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(measures(station)).containsExactly("entries 23", "exits 11"));
        assertThat(((JavascriptExecutor) browser).executeScript("return window.sameDocument")).isEqualTo(true);
    }

    @Test
    void aRetractedWindowLeavesThePageWithoutReload() {
        String station = "RETRACTED ST " + System.nanoTime();
        String marker = "AFTER ST " + System.nanoTime();
        TestTopics.publishMtaWindow(station, "00-00-01", "2026-12-01T08:00:00.000Z", "2026-12-01T12:00:00.000Z", 5, 6);

        browser.get("http://127.0.0.1:" + port + "/");
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(measures(station)).containsExactly("entries 5", "exits 6"));

        TestTopics.retractMtaWindow(station, "00-00-01", "2026-12-01T08:00:00.000Z", "2026-12-01T12:00:00.000Z");
        TestTopics.publishMtaWindow(marker, "00-00-01", "2026-12-01T08:00:00.000Z", "2026-12-01T12:00:00.000Z", 1, 1);

        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(measures(marker)).containsExactly("entries 1", "exits 1"));
        assertThat(measures(station)).as("the page got the marker sent after the tombstone").isEmpty();
    }

    @Test
    void theChartAddsUpTheTurnstilesOfAStation() {
        String station = "CHART ST " + System.nanoTime();
        TestTopics.publishMtaWindow(station, "00-00-01", "2026-12-02T08:00:00.000Z", "2026-12-02T12:00:00.000Z", 40, 4);
        TestTopics.publishMtaWindow(station, "00-00-02", "2026-12-02T08:00:00.000Z", "2026-12-02T12:00:00.000Z", 2, 1);

        browser.get("http://127.0.0.1:" + port + "/");
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            List<WebElement> points = browser.findElements(By.cssSelector(
                    ".chart[data-job='mta-turnstile-registers'] circle[data-series='" + station + "']"));
            assertThat(points).extracting(p -> p.getAttribute("data-value")).containsExactly("42");
        });
    }

    @Test
    void theServicesStatesShow() {
        browser.get("http://127.0.0.1:" + port + "/");
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            assertThat(texts("[data-service='gateway'] .state")).containsExactly("UP");
            assertThat(texts("[data-service='aggregator'] .state")).containsExactly("DOWN");
            assertThat(texts("#connection")).containsExactly("live");
        });
    }

    /** The measures shown in the latest-updates rows of {@code station}: one row per window, so one list. */
    private List<String> measures(String station) {
        return texts("#latest tr[data-job='mta-turnstile-registers'] td.measures span", "td.series", station);
    }

    private List<String> texts(String css) {
        return texts(css, null, null);
    }

    /**
     * The texts of the elements matching {@code css}, read in one script so that a re-render between two reads
     * cannot leave a stale element; with {@code rowCss}, only those in a table row whose {@code rowCss} cell reads
     * {@code rowText}.
     */
    @SuppressWarnings("unchecked")
    private List<String> texts(String css, String rowCss, String rowText) {
        return (List<String>) ((JavascriptExecutor) browser).executeScript("""
                return [...document.querySelectorAll(arguments[0])]
                    .filter(e => !arguments[1] || e.closest('tr').querySelector(arguments[1]).textContent === arguments[2])
                    .map(e => e.textContent)""", css, rowCss, rowText);
    }
}
