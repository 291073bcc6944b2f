package dev.netlab.livestream.receiver;

/**
 * Maps media time to the receiver's clock and decides when each packet is played. The
 * sender's clock is estimated from the earliest arrival (smallest transit) minus half the
 * smallest round trip; a packet is played at its estimated send time plus the playout delay.
 * The configured latency is a promise: no packet is played later than that after it was sent.
 * So the delay starts at the latency less {@link #SCHEDULING_SLACK_NANOS} and adapts, only
 * within [latency / 2, latency - slack], to what the network shows:
 * {@value #JITTER_FACTOR} x interarrival jitter (RFC 3550 6.4.1),
 * plus {@value #RTT_FACTOR} round trips (the smallest of the last few: time for a NACK and a
 * retry to be answered), plus a
 * margin for the loss to be noticed. It rises at once and falls slowly. A packet that arrives
 * after its playout time is late and concealed, as in SRT: waiting longer would break the
 * latency promise. Not thread-safe: the receive loop owns it.
 */
public final class PlayoutClock {

    static final double JITTER_FACTOR = 4;
    static final double RTT_FACTOR = 3.5;
    /** Time to notice a loss (reorder grace) and for scheduling slack. */
    static final long MARGIN_NANOS = 15_000_000L;
    /**
     * The delay stays this far below the configured latency, so that a packet played a little
     * after its time still plays within the latency: the receive loop sleeps in whole
     * milliseconds (rounded up) and the OS wakes it some hundreds of microseconds late.
     */
    static final long SCHEDULING_SLACK_NANOS = 5_000_000L;
    /** How far the delay may fall per adaptation step (40 ms a second), so playout does not lurch. */
    static final long MAX_DECREASE_NANOS = 20_000_000L;
    /**
     * Round trips remembered for the delay: the smallest of the last 8 (2 s of heartbeats). A
     * single slow echo (a busy peer, a cold JVM) must not double the playout delay.
     */
    static final int RTT_WINDOW = 8;
    /**
     * No adaptation in the first second: a JVM that just started (JIT, class loading, the FEC
     * warm-up) shows jitter the stream will not have later, and the highest delay allowed covers it.
     */
    static final long SETTLE_NANOS = 1_000_000_000L;
    /** How often the delay is recomputed. */
    static final long ADAPT_INTERVAL_NANOS = 500_000_000L;

    private final long configuredNanos;
    private final long minNanos;
    private final long maxNanos;
    private long delayNanos;
    private long minTransit = Long.MAX_VALUE;
    private long lastTransit;
    private boolean haveTransit;
    private double jitterNanos;
    private long minRtt = Long.MAX_VALUE;
    private long smoothedRtt = -1;
    private final long[] recentRtts = new long[RTT_WINDOW];
    private int rttSamples;
    private long lastAdaptNanos;
    private long firstArrivalNanos = Long.MIN_VALUE;

    public PlayoutClock(long configuredLatencyNanos) {
        this.configuredNanos = configuredLatencyNanos;
        this.minNanos = configuredLatencyNanos / 2;
        this.maxNanos = Math.max(minNanos, configuredLatencyNanos - SCHEDULING_SLACK_NANOS);
        this.delayNanos = maxNanos;
    }

    /** An original (not retransmitted, not rebuilt) audio packet of media time {@code media} arrived. */
    public void onArrival(long mediaNanos, long arrivalNanos) {
        if (firstArrivalNanos == Long.MIN_VALUE) {
            firstArrivalNanos = arrivalNanos;
        }
        long transit = arrivalNanos - mediaNanos;
        minTransit = Math.min(minTransit, transit);
        if (haveTransit) {
            long d = Math.abs(transit - lastTransit);
            jitterNanos += (d - jitterNanos) / 16.0;
        }
        lastTransit = transit;
        haveTransit = true;
    }

    public void onRoundTrip(long rttNanos) {
        minRtt = Math.min(minRtt, rttNanos);
        smoothedRtt = smoothedRtt < 0 ? rttNanos : (7 * smoothedRtt + rttNanos) / 8;
        recentRtts[rttSamples++ % RTT_WINDOW] = rttNanos;
    }

    private long recentMinRtt() {
        long min = Long.MAX_VALUE;
        for (int i = 0; i < Math.min(rttSamples, RTT_WINDOW); i++) {
            min = Math.min(min, recentRtts[i]);
        }
        return min;
    }

    public boolean started() {
        return minTransit != Long.MAX_VALUE;
    }

    /** Estimated receiver-clock time at which the sender sent media time {@code media}. */
    public long sendTimeOf(long mediaNanos) {
        long oneWay = minRtt == Long.MAX_VALUE ? 0 : minRtt / 2;
        return minTransit - oneWay + mediaNanos;
    }

    public long playoutAt(long mediaNanos) {
        return sendTimeOf(mediaNanos) + delayNanos;
    }

    /** Recomputes the delay from jitter and round trip, at most every {@link #ADAPT_INTERVAL_NANOS}. */
    public void adapt(long nowNanos) {
        if (nowNanos - lastAdaptNanos < ADAPT_INTERVAL_NANOS || smoothedRtt < 0
                || firstArrivalNanos == Long.MIN_VALUE || nowNanos - firstArrivalNanos < SETTLE_NANOS) {
            return;
        }
        lastAdaptNanos = nowNanos;
        long desired = (long) (JITTER_FACTOR * jitterNanos + RTT_FACTOR * recentMinRtt()) + MARGIN_NANOS;
        desired = Math.max(minNanos, Math.min(maxNanos, desired));
        delayNanos = desired >= delayNanos ? desired : Math.max(desired, delayNanos - MAX_DECREASE_NANOS);
    }

    public long delayNanos() {
        return delayNanos;
    }

    public long configuredNanos() {
        return configuredNanos;
    }

    /** RFC 3550 interarrival jitter, in nanoseconds. */
    public double jitterNanos() {
        return jitterNanos;
    }

    /** Smoothed round trip, or a guess of 2 x margin before the first measurement. */
    public long roundTripNanos() {
        return smoothedRtt < 0 ? 2 * MARGIN_NANOS : smoothedRtt;
    }
}
