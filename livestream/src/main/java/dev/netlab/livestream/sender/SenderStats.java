package dev.netlab.livestream.sender;

import java.util.concurrent.atomic.LongAdder;
import dev.netlab.common.metrics.LatencyRecorder;
import dev.netlab.common.metrics.Percentiles;

/**
 * What a broadcast server did: datagrams by kind, NACKs answered and refused, and how far
 * each send strayed from its media-clock schedule. Thread-safe.
 */
public final class SenderStats {

    final LongAdder mediaPackets = new LongAdder();
    final LongAdder repairPackets = new LongAdder();
    final LongAdder retransmissions = new LongAdder();
    final LongAdder nackedPackets = new LongAdder();
    final LongAdder nacksRefused = new LongAdder();
    final LongAdder datagramsSent = new LongAdder();
    final LongAdder malformedReceived = new LongAdder();
    final LongAdder subscribersJoined = new LongAdder();
    final LongAdder subscribersTimedOut = new LongAdder();
    final LongAdder challengesSent = new LongAdder();
    final LongAdder subscribesRateLimited = new LongAdder();
    final LongAdder unprovenControl = new LongAdder();
    private final LatencyRecorder deviation = new LatencyRecorder();

    void recordDeviation(long nanos) {
        deviation.recordNanos(nanos);
    }

    /** A consistent copy of the numbers, for the log, the CLI and tests. */
    public Snapshot snapshot() {
        Percentiles d = deviation.snapshot();
        return new Snapshot(mediaPackets.sum(), repairPackets.sum(), retransmissions.sum(), nackedPackets.sum(),
                nacksRefused.sum(), datagramsSent.sum(), malformedReceived.sum(), subscribersJoined.sum(),
                subscribersTimedOut.sum(), challengesSent.sum(), subscribesRateLimited.sum(), unprovenControl.sum(),
                d.count(), d.p50Ms(), d.p99Ms(), d.maxMs());
    }

    /**
     * Counters, and send-time deviation from the schedule in milliseconds. {@code challengesSent}
     * counts cookies sent to addresses not yet validated, {@code subscribesRateLimited} subscribe
     * attempts dropped by the rate limit, {@code unprovenControl} control messages from a
     * subscriber's address without its proof (forged, or from a stale subscription).
     */
    public record Snapshot(long mediaPackets, long repairPackets, long retransmissions, long nackedPackets,
                           long nacksRefused, long datagramsSent, long malformedReceived, long subscribersJoined,
                           long subscribersTimedOut, long challengesSent, long subscribesRateLimited,
                           long unprovenControl, long scheduledSends, double deviationP50Ms,
                           double deviationP99Ms, double deviationMaxMs) {
    }
}
