package io.streamgate.poller.simulator;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the provider simulator on its own until killed.
 *
 * <pre>
 * java -cp api-poller.jar -Dloader.main=io.streamgate.poller.simulator.SimulatorMain \
 *      org.springframework.boot.loader.launch.PropertiesLauncher \
 *      [--port 8099] [--turnstiles 40] [--history-ticks 18] [--tick-every PT20S] [--chaos 0.02] \
 *      [--token-ttl PT5M] [--snapshot-ttl PT30S] [--start 2024-01-06T03:00 | now] [--hostile SEED]
 * </pre>
 * {@code --hostile SEED} makes it the worst provider ({@link Hostile#all(long)}): capped pages, late commits, empty
 * pages that say there is more, errors and slow answers, each drawn from the seed.
 * {@code --start now} places the history so that its latest audit is the current hour in New York: with
 * {@code --tick-every PT4H} the feed then keeps pace with the clock, as the local run wants, so that its readings
 * and those sent live through the gateway share one event-time line (and one watermark).
 */
public final class SimulatorMain {

    private SimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        int historyTicks = Integer.parseInt(opts.getOrDefault("history-ticks", "18"));
        ProviderSimulator.Options options = new ProviderSimulator.Options(
                Integer.parseInt(opts.getOrDefault("port", "8099")),
                Integer.parseInt(opts.getOrDefault("turnstiles", "40")),
                historyTicks,
                Duration.parse(opts.getOrDefault("tick-every", "PT20S")),
                Double.parseDouble(opts.getOrDefault("chaos", "0.02")),
                Duration.parse(opts.getOrDefault("token-ttl", "PT5M")),
                Duration.parse(opts.getOrDefault("snapshot-ttl", "PT30S")),
                Duration.ZERO,
                start(opts.getOrDefault("start", TurnstileFeed.DEFAULT_START.toString()), historyTicks),
                opts.containsKey("hostile") ? Hostile.all(Long.parseLong(opts.get("hostile"))) : Hostile.NONE);
        ProviderSimulator simulator = ProviderSimulator.start(options);
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "simulator-stop"));
        System.out.println("Provider simulator serving MTA turnstile feeds at " + simulator.uri("/turnstile/"));
        new CountDownLatch(1).await();
    }

    private static LocalDateTime start(String option, int historyTicks) {
        if (!option.equals("now")) {
            return LocalDateTime.parse(option);
        }
        return LocalDateTime.now(ZoneId.of("America/New_York")).truncatedTo(ChronoUnit.HOURS)
                .minusHours(4L * Math.max(historyTicks - 1, 0));
    }
}
