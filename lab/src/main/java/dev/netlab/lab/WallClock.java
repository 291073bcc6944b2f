package dev.netlab.lab;

import java.time.Instant;

/**
 * Nanoseconds since the epoch by the machine's wall clock. Two processes in different network
 * namespaces of one machine read the same clock, so one can time-stamp a packet and the other
 * subtract that from its arrival time.
 */
public final class WallClock {

    private WallClock() {
    }

    public static long nowNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
