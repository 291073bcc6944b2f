package dev.netlab.livestream.impair;

import java.time.Duration;

/**
 * The faults an {@link ImpairmentRelay} applies, the same in both directions: the options of
 * {@code livestream impair}. Fractions are 0..1 (5% is 0.05).
 *
 * @param loss long-run fraction of datagrams lost
 * @param burstLength mean length of a loss burst (Gilbert-Elliott); 0 means independent
 *     (Bernoulli) losses
 * @param delay fixed one-way delay added to every datagram
 * @param jitter each datagram's delay is drawn uniformly from delay +- jitter (never below 0)
 * @param reorder fraction of datagrams held back by {@link ImpairmentModel#REORDER_EXTRA_DELAY}
 *     so that later ones overtake them
 * @param duplicate fraction of datagrams sent twice
 * @param corrupt fraction of datagrams with one byte flipped
 * @param seed seeds every random choice, so a run is repeatable
 */
public record ImpairmentConfig(double loss, double burstLength, Duration delay, Duration jitter,
                               double reorder, double duplicate, double corrupt, long seed) {

    /** Longer delays are surely a typo (10 s of buffering would also need a huge queue). */
    public static final Duration MAX_DELAY = Duration.ofSeconds(10);

    /** No faults at all: a plain relay. */
    public static final ImpairmentConfig NONE =
            new ImpairmentConfig(0, 0, Duration.ZERO, Duration.ZERO, 0, 0, 0, 0);

    public ImpairmentConfig {
        checkFraction("loss", loss);
        checkFraction("reorder", reorder);
        checkFraction("duplicate", duplicate);
        checkFraction("corrupt", corrupt);
        if (!(burstLength == 0 || burstLength >= 1) || Double.isInfinite(burstLength)) {
            throw new IllegalArgumentException("burst length " + burstLength + " must be 0 (random loss) or >= 1");
        }
        if (burstLength >= 1 && loss < 1 && loss > maxLossForBurst(burstLength)) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "loss %.4g with mean burst %.4g is impossible: at most %.4g (burst/(burst+1))",
                    loss, burstLength, maxLossForBurst(burstLength)));
        }
        checkDuration("delay", delay);
        checkDuration("jitter", jitter);
    }

    /** With bursts of mean length B separated by at least one good packet, loss is <= B/(B+1). */
    static double maxLossForBurst(double burstLength) {
        return burstLength / (burstLength + 1);
    }

    private static void checkFraction(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " " + value + " not in 0..1 (0%..100%)");
        }
    }

    private static void checkDuration(String name, Duration value) {
        if (value == null || value.isNegative() || value.compareTo(MAX_DELAY) > 0) {
            throw new IllegalArgumentException(name + " " + value + " not in 0.." + MAX_DELAY.toMillis() + "ms");
        }
    }

    public ImpairmentConfig withLoss(double newLoss, double newBurstLength) {
        return new ImpairmentConfig(newLoss, newBurstLength, delay, jitter, reorder, duplicate, corrupt, seed);
    }

    public ImpairmentConfig withDelay(Duration newDelay, Duration newJitter) {
        return new ImpairmentConfig(loss, burstLength, newDelay, newJitter, reorder, duplicate, corrupt, seed);
    }

    public ImpairmentConfig withReorderDuplicateCorrupt(double newReorder, double newDuplicate, double newCorrupt) {
        return new ImpairmentConfig(loss, burstLength, delay, jitter, newReorder, newDuplicate, newCorrupt, seed);
    }

    public ImpairmentConfig withSeed(long newSeed) {
        return new ImpairmentConfig(loss, burstLength, delay, jitter, reorder, duplicate, corrupt, newSeed);
    }
}
