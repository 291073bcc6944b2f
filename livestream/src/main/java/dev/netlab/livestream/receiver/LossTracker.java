package dev.netlab.livestream.receiver;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongUnaryOperator;

/**
 * Notices missing packets of one stream and decides when to ask for them (NACK). A packet is
 * missing once a later one has arrived (or its time has come); it is first asked for after
 * {@link #REORDER_GRACE_NANOS}, in case it was only reordered, and asked again when an answer
 * is overdue ({@link #retryNanos}), at most {@link #MAX_NACKS} times, and only while an answer can still arrive
 * before its playout time. Bounded to {@link #MAX_TRACKED} packets. Not thread-safe.
 */
public final class LossTracker {

    /**
     * Wait before the first NACK, so a packet that is merely a little reordered is not asked
     * for; one audio packet interval. A packet held back longer costs one duplicate, counted.
     */
    static final long REORDER_GRACE_NANOS = 5_000_000L;
    /** NACKs per packet: the first and three retries (the server answers each at most four times). */
    static final int MAX_NACKS = 4;
    /** Slack added to a round trip before asking again. */
    static final long RETRY_SLACK_NANOS = 3_000_000L;
    /** Missing packets tracked at once; older ones are given up (concealment takes over). */
    static final int MAX_TRACKED = 1024;

    private static final class Missing {
        final long noticedNanos;
        long lastNackNanos;
        int nacks;

        Missing(long noticedNanos) {
            this.noticedNanos = noticedNanos;
        }
    }

    private final TreeMap<Long, Missing> missing = new TreeMap<>();
    private long highest = -1;
    private long nacksSent;

    /** A packet with extended index {@code index} arrived (or was rebuilt). */
    public void arrived(long index, long nowNanos) {
        if (index > highest) {
            expectUpTo(index - 1, nowNanos);
            highest = index;
        }
        missing.remove(index);
    }

    /** Every packet up to {@code index} should have arrived by now. */
    public void expectUpTo(long index, long nowNanos) {
        for (long i = Math.max(highest + 1, index - MAX_TRACKED + 1); i <= index; i++) {
            missing.put(i, new Missing(nowNanos));
        }
        highest = Math.max(highest, index);
        while (missing.size() > MAX_TRACKED) {
            missing.pollFirstEntry();
        }
    }

    /**
     * The packets to NACK now. {@code deadline} gives each index's playout time (receiver
     * clock); a packet whose answer could not arrive in time, or that was asked for
     * {@link #MAX_NACKS} times, is dropped from tracking.
     */
    public List<Long> due(long nowNanos, long roundTripNanos, LongUnaryOperator deadline) {
        List<Long> out = new ArrayList<>();
        long retry = retryNanos(roundTripNanos);
        Iterator<Map.Entry<Long, Missing>> it = missing.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Long, Missing> e = it.next();
            Missing m = e.getValue();
            if (deadline.applyAsLong(e.getKey()) - nowNanos < roundTripNanos) {
                it.remove();
                continue;
            }
            boolean first = m.nacks == 0 && nowNanos - m.noticedNanos >= REORDER_GRACE_NANOS;
            boolean again = m.nacks > 0 && nowNanos - m.lastNackNanos >= retry;
            if (first || again) {
                out.add(e.getKey());
                m.nacks++;
                m.lastNackNanos = nowNanos;
                nacksSent++;
                if (m.nacks >= MAX_NACKS) {
                    it.remove();
                }
            }
        }
        return out;
    }

    /** When {@link #due} next has something to do at the earliest, or Long.MAX_VALUE. */
    public long nextCheckNanos(long roundTripNanos) {
        long retry = retryNanos(roundTripNanos);
        long at = Long.MAX_VALUE;
        for (Missing m : missing.values()) {
            at = Math.min(at, m.nacks == 0 ? m.noticedNanos + REORDER_GRACE_NANOS : m.lastNackNanos + retry);
        }
        return at;
    }

    /** Time to wait for an answer before asking again: a round trip and a fifth, plus slack. */
    static long retryNanos(long roundTripNanos) {
        return roundTripNanos + roundTripNanos / 5 + RETRY_SLACK_NANOS;
    }

    public long highest() {
        return highest;
    }

    public long nacksSent() {
        return nacksSent;
    }
}
