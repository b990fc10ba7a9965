package io.streamgate.testsupport.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium and its chromedriver for browser tests, installed on first use where they are missing: a fresh
 * CI machine has neither, and the test command must set up what it needs. Installing needs root (CI and the
 * development machines run as root); anywhere else a missing browser fails with the command to run.
 * The driver path is handed to the test explicitly, so no WebDriver library goes looking for (or downloading) one.
 */
public final class Chromium {

    public static final Path BINARY = Path.of("/usr/bin/chromium");
    public static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final String INSTALL = "apt-get install -y chromium chromium-driver";

    private Chromium() {
    }

    /** Makes sure {@link #BINARY} and {@link #DRIVER} exist, installing Debian's packages if they do not. */
    public static synchronized void ensureInstalled() {
        if (Files.isExecutable(BINARY) && Files.isExecutable(DRIVER)) {
            return;
        }
        if (!isRoot()) {
            throw new IllegalStateException("Chromium is missing (" + BINARY + ", " + DRIVER
                    + ") and this user cannot install it; run as root: apt-get update && " + INSTALL);
        }
        run(List.of("apt-get", "update"));
        run(List.of("apt-get", "install", "-y", "chromium", "chromium-driver"));
        if (!Files.isExecutable(BINARY) || !Files.isExecutable(DRIVER)) {
            throw new IllegalStateException("apt-get installed chromium and chromium-driver, yet " + BINARY + " or "
                    + DRIVER + " is missing");
        }
    }

    /**
     * A headless Chromium (installed first if missing) driven through the system chromedriver, named explicitly so
     * that Selenium Manager never runs and nothing is downloaded; its profile in {@code userDataDir}. Quit it after.
     */
    public static ChromeDriver startDriver(Path userDataDir) {
        ensureInstalled();
        ChromeDriverService driver = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(driver, new ChromeOptions().setBinary(BINARY.toFile())
                .addArguments(headlessArguments(userDataDir)));
    }

    /**
     * Chromium's flags for a test: headless, no sandbox (root), and nothing that reaches out of the machine
     * (updates, sync, QUIC, background requests), in a profile of its own.
     */
    private static List<String> headlessArguments(Path userDataDir) {
        return List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + userDataDir);
    }

    private static boolean isRoot() {
        try {
            Process id = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
            String uid = new String(id.getInputStream().readAllBytes()).trim();
            return id.waitFor() == 0 && uid.equals("0");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void run(List<String> command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
            builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
            Process process = builder.start();
            if (!process.waitFor(15, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within 15 minutes");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed with exit code "
                        + process.exitValue() + "; install Chromium by hand: apt-get update && " + INSTALL);
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while installing Chromium", e);
        }
    }
}
