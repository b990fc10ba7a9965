package io.streamgate.poller.simulator;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * How badly the simulated provider behaves, like the worst real instance: every choice is drawn from one seeded
 * random source, so a failing run replays with its seed (logged at start).
 *
 * @param seed the seed of every random choice below
 * @param pageCap the most rows any page holds whatever {@code limit} asks (0: honour {@code limit})
 * @param lateShare share of new rows committed late: invisible until the next audit is published, then served
 *        with the cursor value ({@code :updated_at}) they were written with, equal to rows already served
 * @param emptyPageShare share of cursor and link pages answered empty while still saying there is more
 * @param errorShare share of requests answered 429 ({@code Retry-After: 0}), 500 or 503
 * @param slowest the longest a response is delayed (each one by a random share of it)
 * @param updateShare share of feed requests before which the provider corrects one of its recent rows (new
 *        values, republished with the newest {@code :updated_at}), so rows change while a run walks the pages
 */
public record Hostile(long seed, int pageCap, double lateShare, double emptyPageShare, double errorShare,
        Duration slowest, double updateShare) {

    public static final Hostile NONE = new Hostile(0, 0, 0, 0, 0, Duration.ZERO, 0);

    /** Every kind of hostility at once, as the hostile tests use it. */
    public static Hostile all(long seed) {
        return new Hostile(seed, 15, 0.1, 0.1, 0.1, Duration.ofMillis(30), 0.1);
    }

    public Hostile withErrorShare(double share) {
        return new Hostile(seed, pageCap, lateShare, emptyPageShare, share, slowest, updateShare);
    }

    public boolean active() {
        return !equals(NONE);
    }

    /** {@code limit} as the provider actually honours it. */
    int cap(int limit) {
        return pageCap > 0 ? Math.min(limit, pageCap) : limit;
    }

    SplittableRandom random() {
        return new SplittableRandom(seed);
    }
}
