package dev.netlab.livestream.impair;

import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;

/**
 * A datagram copy waiting in the relay's delay queue until {@code dueNanos} (System.nanoTime()).
 * Copies due at the same instant leave in the order they were scheduled ({@code order}).
 *
 * @param destination null when {@code channel} is connected to its peer (the upstream side)
 */
record ScheduledDatagram(long dueNanos, long order, Direction direction, DatagramChannel channel,
                         InetSocketAddress destination, byte[] datagram) implements Delayed {

    /** Tells the delay thread to stop; due at once so it is not stuck behind long delays. */
    static ScheduledDatagram stopSignal(long order) {
        return new ScheduledDatagram(Long.MIN_VALUE / 2, order, null, null, null, null);
    }

    boolean isStopSignal() {
        return channel == null;
    }

    @Override
    public long getDelay(TimeUnit unit) {
        return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    @Override
    public int compareTo(Delayed other) {
        ScheduledDatagram that = (ScheduledDatagram) other;
        int byDue = Long.compare(dueNanos - that.dueNanos, 0);
        return byDue != 0 ? byDue : Long.compare(order, that.order);
    }
}
