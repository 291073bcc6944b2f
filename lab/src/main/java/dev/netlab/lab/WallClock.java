package dev.netlab.lab;

import java.time.Instant;

/**
 * Nanoseconds since the epoch by the machine's wall clock, read through {@link System#nanoTime}.
 * Two processes in different network namespaces of one machine read the same wall clock, so
 * one can time-stamp a packet and the other subtract that from its arrival time.
 *
 * <p>The wall clock is read once, at class load, against {@code nanoTime}: at the tightest of
 * {@link #CALIBRATION_READS} reads, so a thread descheduled between the two readings (common on
 * a loaded machine, and worth milliseconds) does not shift every time stamp. Afterwards only the
 * monotonic clock is read, which is cheap and never jumps.
 */
public final class WallClock {

    /** Reads of the pair of clocks; the one with the least time between them is kept. */
    static final int CALIBRATION_READS = 50;

    private static final long EPOCH_MINUS_MONOTONIC = calibrate();

    private WallClock() {
    }

    public static long nowNanos() {
        return EPOCH_MINUS_MONOTONIC + System.nanoTime();
    }

    /** The wall-clock time of a {@link System#nanoTime} reading of this process. */
    public static long fromMonotonic(long monotonicNanos) {
        return EPOCH_MINUS_MONOTONIC + monotonicNanos;
    }

    private static long calibrate() {
        long bestGap = Long.MAX_VALUE;
        long best = 0;
        for (int i = 0; i < CALIBRATION_READS; i++) {
            long before = System.nanoTime();
            Instant now = Instant.now();
            long after = System.nanoTime();
            if (after - before < bestGap) {
                bestGap = after - before;
                best = now.getEpochSecond() * 1_000_000_000L + now.getNano() - (before + (after - before) / 2);
            }
        }
        return best;
    }
}
