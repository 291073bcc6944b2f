package dev.netlab.livestream.sender;

import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * What a broadcast server did: datagrams by kind, NACKs answered and refused, and how far
 * each send strayed from its media-clock schedule. Thread-safe.
 */
public final class SenderStats {

    /** Deviation histogram range: up to 10 s, 3 significant digits. */
    private static final long MAX_TRACKED_NANOS = 10_000_000_000L;

    final LongAdder mediaPackets = new LongAdder();
    final LongAdder repairPackets = new LongAdder();
    final LongAdder retransmissions = new LongAdder();
    final LongAdder nackedPackets = new LongAdder();
    final LongAdder nacksRefused = new LongAdder();
    final LongAdder datagramsSent = new LongAdder();
    final LongAdder malformedReceived = new LongAdder();
    final LongAdder subscribersJoined = new LongAdder();
    final LongAdder subscribersTimedOut = new LongAdder();
    private final Histogram deviation = new Histogram(MAX_TRACKED_NANOS, 3);

    synchronized void recordDeviation(long nanos) {
        deviation.recordValue(Math.min(Math.max(0, nanos), MAX_TRACKED_NANOS));
    }

    /** A consistent copy of the numbers, for the log, the CLI and tests. */
    public synchronized Snapshot snapshot() {
        return new Snapshot(mediaPackets.sum(), repairPackets.sum(), retransmissions.sum(), nackedPackets.sum(),
                nacksRefused.sum(), datagramsSent.sum(), malformedReceived.sum(), subscribersJoined.sum(),
                subscribersTimedOut.sum(), deviation.getTotalCount(),
                deviation.getValueAtPercentile(50) / 1e6, deviation.getValueAtPercentile(99) / 1e6,
                deviation.getMaxValue() / 1e6);
    }

    /** Counters, and send-time deviation from the schedule in milliseconds. */
    public record Snapshot(long mediaPackets, long repairPackets, long retransmissions, long nackedPackets,
                           long nacksRefused, long datagramsSent, long malformedReceived, long subscribersJoined,
                           long subscribersTimedOut, long scheduledSends, double deviationP50Ms,
                           double deviationP99Ms, double deviationMaxMs) {
    }
}
