package dev.netlab.lab.media;

import dev.netlab.common.metrics.LatencyRecorder;
import dev.netlab.common.metrics.Percentiles;

/**
 * The plain TCP receiver's playout, as a model of what it plays: each packet is played at its
 * deadline, its send time plus the latency budget, if it has arrived by then; otherwise its slot
 * is concealed and the packet, when it does come, is thrown away as late. This is what a player
 * reading a TCP socket with a fixed buffer does, and since its decisions depend only on the
 * arrival times, computing them afterwards gives the same result as playing in real time.
 *
 * <p>Over TCP, a packet that is not there at its deadline means no later packet is there either:
 * TCP hands data to the reader only in order, so everything behind a lost segment waits for its
 * retransmission (head-of-line blocking). Stateless.
 */
public final class TcpPlayout {

    private TcpPlayout() {
    }

    /** What the receiver played, and the delivery latency of every packet that arrived. */
    public record Outcome(PlayoutTimeline timeline, Percentiles latency) {
    }

    /**
     * Plays {@code arrivals} with {@code budgetNanos} of latency budget; slots are
     * {@code slotNanos} long. Latency is send time to arrival, late packets included.
     */
    public static Outcome play(PacketArrivals arrivals, long budgetNanos, long slotNanos) {
        boolean[] onTime = new boolean[arrivals.packets()];
        LatencyRecorder latency = new LatencyRecorder();
        for (int seq = 0; seq < arrivals.packets(); seq++) {
            if (arrivals.arrived(seq)) {
                long delay = arrivals.arrival(seq) - arrivals.due(seq);
                latency.recordNanos(delay);
                onTime[seq] = delay <= budgetNanos;
            }
        }
        return new Outcome(new PlayoutTimeline(onTime, slotNanos), latency.snapshot());
    }
}
