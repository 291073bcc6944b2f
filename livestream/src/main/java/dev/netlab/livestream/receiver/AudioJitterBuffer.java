package dev.netlab.livestream.receiver;

import dev.netlab.livestream.media.Timeline;
import java.io.IOException;

/**
 * The audio jitter buffer: it holds packets by packet number whatever order they arrive in,
 * drops duplicates and late copies, and plays them strictly in order, one per call to
 * {@link #playNext}, concealing each packet still missing at its turn. When to play is the
 * caller's decision (see {@link PlayoutClock}), which keeps this class free of clocks and
 * sockets. It counts what happened to every packet. Not thread-safe.
 */
public final class AudioJitterBuffer {

    /**
     * Packets held ahead of playout: 2048 x 5 ms is over 10 s, far beyond any playout delay,
     * so only a hostile or broken sender reaches the bound (at most ~2.4 MB of PCM).
     */
    public static final int WINDOW_PACKETS = 2048;
    /** How far ahead concealment looks for the packet after a gap to cross-fade into. */
    static final int CONCEAL_LOOKAHEAD_PACKETS = 16;

    private final Timeline timeline;
    private long endPacket;
    private final byte[][] slots = new byte[WINDOW_PACKETS][];
    private final PacketSource[] sources = new PacketSource[WINDOW_PACKETS];
    private final AudioConcealer concealer;
    private long next;
    private long received;
    private long recoveredByFec;
    private long recoveredByRetransmit;
    private long concealed;
    private long late;
    private long duplicate;
    private long invalid;

    /**
     * @param firstPacket the packet number playout starts with
     * @param endPacket the packet number after the last one to play (Long.MAX_VALUE when looping)
     */
    public AudioJitterBuffer(Timeline timeline, long firstPacket, long endPacket) {
        this.timeline = timeline;
        this.next = firstPacket;
        this.endPacket = endPacket;
        this.concealer = new AudioConcealer(timeline.format());
    }

    public Offer offer(long packetNumber, byte[] pcm, PacketSource source) {
        if (packetNumber < next) {
            late++;
            return Offer.LATE;
        }
        if (packetNumber >= endPacket || packetNumber >= next + WINDOW_PACKETS) {
            return Offer.OUT_OF_WINDOW;
        }
        int expected = timeline.framesInPacket(timeline.packetInPass(packetNumber)) * timeline.format().bytesPerFrame();
        // A live source's last packet (the one before the end, once known) may be short.
        boolean shortLast = timeline.live() && packetNumber == endPacket - 1 && pcm.length <= expected
                && pcm.length % timeline.format().bytesPerFrame() == 0;
        if (pcm.length != expected && !shortLast) {
            invalid++;
            return Offer.INVALID;
        }
        int slot = slot(packetNumber);
        if (slots[slot] != null) {
            duplicate++;
            return Offer.DUPLICATE;
        }
        slots[slot] = pcm;
        sources[slot] = source;
        return Offer.ACCEPTED;
    }

    public boolean has(long packetNumber) {
        return packetNumber >= next && packetNumber < next + WINDOW_PACKETS && slots[slot(packetNumber)] != null;
    }

    /** The packet number {@link #playNext} plays. */
    public long nextToPlay() {
        return next;
    }

    public boolean finished() {
        return next >= endPacket;
    }

    /** The packet number after the last one to play. */
    public long endPacket() {
        return endPacket;
    }

    /** Ends the stream before {@code packetNumber} (never after where it already ends, never before what played). */
    public void endAt(long packetNumber) {
        endPacket = Math.max(next, Math.min(endPacket, packetNumber));
    }

    /** Plays the next packet into {@code sink}; returns false if it had to be concealed. */
    public boolean playNext(AudioSink sink) throws IOException {
        int slot = slot(next);
        byte[] pcm = slots[slot];
        boolean real = pcm != null;
        if (real) {
            switch (sources[slot]) {
                case ORIGINAL -> received++;
                case RETRANSMISSION -> recoveredByRetransmit++;
                case FEC -> recoveredByFec++;
            }
        } else {
            pcm = conceal();
            concealed++;
        }
        slots[slot] = null;
        sources[slot] = null;
        concealer.played(pcm, !real);
        sink.write(pcm);
        next++;
        return real;
    }

    private byte[] conceal() {
        int frames = timeline.framesInPacket(timeline.packetInPass(next));
        int gap = frames;
        byte[] after = null;
        for (long k = next + 1; k < Math.min(endPacket, next + CONCEAL_LOOKAHEAD_PACKETS); k++) {
            if (slots[slot(k)] != null) {
                after = slots[slot(k)];
                break;
            }
            gap += timeline.framesInPacket(timeline.packetInPass(k));
        }
        return concealer.conceal(frames, gap, after);
    }

    private static int slot(long packetNumber) {
        return (int) Math.floorMod(packetNumber, (long) WINDOW_PACKETS);
    }

    public long received() {
        return received;
    }

    public long recoveredByFec() {
        return recoveredByFec;
    }

    public long recoveredByRetransmit() {
        return recoveredByRetransmit;
    }

    public long concealed() {
        return concealed;
    }

    public long late() {
        return late;
    }

    public long duplicate() {
        return duplicate;
    }

    public long invalid() {
        return invalid;
    }
}
