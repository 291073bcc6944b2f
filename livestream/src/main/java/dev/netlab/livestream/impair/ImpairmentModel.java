package dev.netlab.livestream.impair;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Decides the fate of each datagram of one direction: lost, or delivered once or twice, each
 * copy possibly delayed, held back (reordered) or corrupted. Pure and deterministic: the same
 * config and direction give the same decisions for the same sequence of datagrams.
 *
 * <p>Bursty loss follows the simple Gilbert-Elliott model: a good state that loses nothing and a
 * bad state that loses everything. Leaving the bad state with probability r = 1/burst gives
 * bursts of mean length {@code burst}; entering it with p = loss * r / (1 - loss) makes the
 * long-run fraction of time in the bad state, and so the loss rate, equal to {@code loss}.
 *
 * <p>Each kind of fault draws from its own random stream, so enabling duplication does not
 * change which datagrams are lost. Not thread-safe: one model per direction, used by one thread.
 */
public final class ImpairmentModel {

    /**
     * Extra hold for a reordered datagram: longer than the 20 ms between two audio packets, so
     * the next one overtakes it, and short enough to stay inside a 100 ms playout buffer.
     */
    public static final long REORDER_EXTRA_DELAY = 25_000_000L;

    private final ImpairmentConfig config;
    private final SplittableRandom lossRandom;
    private final SplittableRandom delayRandom;
    private final SplittableRandom reorderRandom;
    private final SplittableRandom duplicateRandom;
    private final SplittableRandom corruptRandom;
    private final double enterBad;
    private final double leaveBad;
    private boolean bad;

    public ImpairmentModel(ImpairmentConfig config, Direction direction) {
        this.config = config;
        SplittableRandom root = new SplittableRandom(config.seed() + direction.ordinal() * 0x9E3779B97F4A7C15L);
        this.lossRandom = root.split();
        this.delayRandom = root.split();
        this.reorderRandom = root.split();
        this.duplicateRandom = root.split();
        this.corruptRandom = root.split();
        if (config.burstLength() >= 1 && config.loss() < 1) {
            this.leaveBad = 1.0 / config.burstLength();
            this.enterBad = config.loss() * leaveBad / (1 - config.loss());
            this.bad = lossRandom.nextDouble() < config.loss();
        } else {
            this.leaveBad = 0;
            this.enterBad = 0;
        }
    }

    /** Decides whether the next datagram is lost (advances only the loss stream). */
    public boolean nextLost() {
        if (config.loss() >= 1) {
            return true;
        }
        if (config.burstLength() == 0) {
            return config.loss() > 0 && lossRandom.nextDouble() < config.loss();
        }
        if (bad) {
            bad = lossRandom.nextDouble() >= leaveBad;
        } else {
            bad = lossRandom.nextDouble() < enterBad;
        }
        return bad;
    }

    /**
     * The copies of {@code datagram} to deliver: empty if it is lost, two if it is duplicated.
     * The input array is never modified.
     */
    public List<Delivery> decide(byte[] datagram) {
        if (nextLost()) {
            return List.of();
        }
        int copies = config.duplicate() > 0 && duplicateRandom.nextDouble() < config.duplicate() ? 2 : 1;
        List<Delivery> deliveries = new ArrayList<>(copies);
        for (int i = 0; i < copies; i++) {
            deliveries.add(deliver(datagram));
        }
        return deliveries;
    }

    private Delivery deliver(byte[] datagram) {
        long delay = config.delay().toNanos();
        long jitter = config.jitter().toNanos();
        if (jitter > 0) {
            delay = Math.max(0, delay + delayRandom.nextLong(-jitter, jitter + 1));
        }
        boolean reordered = config.reorder() > 0 && reorderRandom.nextDouble() < config.reorder();
        if (reordered) {
            delay += REORDER_EXTRA_DELAY;
        }
        boolean corrupted = config.corrupt() > 0 && corruptRandom.nextDouble() < config.corrupt()
                && datagram.length > 0;
        byte[] bytes = datagram;
        if (corrupted) {
            bytes = datagram.clone();
            bytes[corruptRandom.nextInt(bytes.length)] ^= (byte) corruptRandom.nextInt(1, 256);
        }
        return new Delivery(bytes, delay, reordered, corrupted);
    }
}
