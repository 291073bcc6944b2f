package dev.netlab.livestream.sender;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The last {@link #CAPACITY} datagrams of one stream, by sequence number, for answering
 * NACKs. Written by the broadcast thread, read by the control thread; thread-safe.
 */
public final class RetransmitHistory {

    /**
     * Datagrams kept per stream: 2048 is over 10 s of 5 ms audio packets and about 5 s of
     * frame fragments, far beyond any playout window, in at most ~2.4 MB per stream.
     */
    public static final int CAPACITY = 2048;

    private record Entry(int sequence, byte[] datagram) {
    }

    private final AtomicReferenceArray<Entry> entries = new AtomicReferenceArray<>(CAPACITY);

    public void put(int sequence, byte[] datagram) {
        entries.set(sequence % CAPACITY, new Entry(sequence, datagram));
    }

    /** The datagram sent with this sequence number, or null if it has left the history. */
    public byte[] get(int sequence) {
        Entry e = entries.get(sequence % CAPACITY);
        return e != null && e.sequence == sequence ? e.datagram : null;
    }
}
