package dev.netlab.livestream.receiver;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Datagrams from the server that came before its session info (media may overtake it): kept,
 * up to {@link #MAX_EARLY_DATAGRAMS}, to be played once the session is known. Not thread-safe.
 */
final class EarlyDatagrams {

    /** Datagrams kept while the session info is still missing: over 1 s of audio at 5 ms a packet. */
    static final int MAX_EARLY_DATAGRAMS = 256;

    private final Deque<byte[]> held = new ArrayDeque<>();

    /** Keeps the datagram if there is room; drops it otherwise. */
    void offer(byte[] datagram) {
        if (held.size() < MAX_EARLY_DATAGRAMS) {
            held.add(datagram);
        }
    }

    /** The oldest datagram kept, removed; null when none is left. */
    byte[] poll() {
        return held.poll();
    }
}
