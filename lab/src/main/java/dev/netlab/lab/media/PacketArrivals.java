package dev.netlab.lab.media;

import java.util.Arrays;

/**
 * When each packet of a stream was due to be sent and when it arrived, as read by a receiver:
 * nanoseconds on one clock both ends share (the wall clock of the one machine the two network
 * namespaces run on). A packet that never arrived has arrival {@link #NEVER}. Not thread-safe.
 */
public final class PacketArrivals {

    /** Arrival of a packet that did not arrive before the receiver stopped. */
    public static final long NEVER = Long.MAX_VALUE;

    private final long[] due;
    private final long[] arrival;

    public PacketArrivals(int packets) {
        this.due = new long[packets];
        this.arrival = new long[packets];
        Arrays.fill(arrival, NEVER);
    }

    public int packets() {
        return due.length;
    }

    /** Records packet {@code seq}; a second copy of the same packet keeps the first arrival. */
    public void arrived(int seq, long dueNanos, long arrivalNanos) {
        if (arrival[seq] == NEVER) {
            due[seq] = dueNanos;
            arrival[seq] = arrivalNanos;
        }
    }

    public long due(int seq) {
        return due[seq];
    }

    public long arrival(int seq) {
        return arrival[seq];
    }

    public boolean arrived(int seq) {
        return arrival[seq] != NEVER;
    }
}
