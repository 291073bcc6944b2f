package dev.netlab.common.discovery;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * Per-source rate limit for discovery datagrams: each source address may send
 * {@link #MAX_PER_SOURCE_PER_SECOND} in any one-second window; the rest are dropped. The table of
 * sources is bounded too ({@link #MAX_SOURCES}), so forged source addresses cannot grow it.
 * Used by one receiving thread; not thread-safe.
 */
final class FloodGuard {

    /** An honest announcer sends one every 2 s plus an answer per query: 20 leaves ample room. */
    static final int MAX_PER_SOURCE_PER_SECOND = 20;
    /** Far more hosts than one link holds; beyond it, new sources wait for old windows to lapse. */
    static final int MAX_SOURCES = 1024;
    private static final long WINDOW_NANOS = 1_000_000_000L;

    private final Map<InetAddress, long[]> windows = new HashMap<>();

    /** @return false when this datagram is over its source's rate (or the table is full of live sources) */
    boolean admit(InetAddress source, long nowNanos) {
        long[] window = windows.get(source);
        if (window == null) {
            if (windows.size() >= MAX_SOURCES) {
                windows.values().removeIf(w -> nowNanos - w[0] >= WINDOW_NANOS);
                if (windows.size() >= MAX_SOURCES) {
                    return false;
                }
            }
            windows.put(source, new long[] {nowNanos, 1});
            return true;
        }
        if (nowNanos - window[0] >= WINDOW_NANOS) {
            window[0] = nowNanos;
            window[1] = 1;
            return true;
        }
        return ++window[1] <= MAX_PER_SOURCE_PER_SECOND;
    }
}
