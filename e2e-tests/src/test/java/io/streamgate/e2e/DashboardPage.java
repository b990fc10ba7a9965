package io.streamgate.e2e;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

import io.streamgate.testsupport.browser.Chromium;
import org.openqa.selenium.chrome.ChromeDriver;

/** The live dashboard's page as a user has it open, in headless Chromium: what it shows, read without a reload. */
final class DashboardPage implements AutoCloseable {

    private final ChromeDriver browser;

    private DashboardPage(ChromeDriver browser) {
        this.browser = browser;
    }

    /** Opens the page and marks its document, so that {@link #reloaded()} can tell a reload from a live update. */
    static DashboardPage open(URI dashboard, Path profile) {
        ChromeDriver browser = Chromium.startDriver(profile);
        try {
            browser.get(dashboard.resolve("/").toString());
            browser.executeScript("window.openedOnce = true");
            return new DashboardPage(browser);
        } catch (RuntimeException e) {
            browser.quit();
            throw e;
        }
    }

    /** The measures ("entries 7", ...) of each latest-updates row of {@code job} whose series reads {@code series}. */
    List<String> measures(String job, String series) {
        return texts("#latest tr[data-job='" + job + "'] td.measures span", series);
    }

    /** How many latest-updates rows of {@code job} the page shows. */
    int rows(String job) {
        return texts("#latest tr[data-job='" + job + "'] td.series", null).size();
    }

    /** The state shown for {@code service} ("UP", "DOWN", ...). */
    List<String> serviceState(String service) {
        return texts("[data-service='" + service + "'] .state", null);
    }

    boolean reloaded() {
        return !Boolean.TRUE.equals(browser.executeScript("return window.openedOnce === true"));
    }

    /** Read in one script, so that a re-render between two reads cannot leave a stale element. */
    @SuppressWarnings("unchecked")
    private List<String> texts(String css, String series) {
        return (List<String>) browser.executeScript("""
                return [...document.querySelectorAll(arguments[0])]
                    .filter(e => !arguments[1] || e.closest('tr').querySelector('td.series').textContent === arguments[1])
                    .map(e => e.textContent)""", css, series);
    }

    @Override
    public void close() {
        browser.quit();
    }
}
