package dev.netlab.livestream.receiver;

import dev.netlab.livestream.fec.FecScheme;
import dev.netlab.livestream.rtp.Header;
import dev.netlab.livestream.rtp.MalformedPacketException;
import dev.netlab.livestream.rtp.Packet;
import dev.netlab.livestream.rtp.PacketReader;
import dev.netlab.livestream.rtp.PacketType;
import dev.netlab.livestream.rtp.PacketWriter;
import dev.netlab.livestream.rtp.StreamId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Plays a made-up two-second session, in memory and on a made-up clock, through the whole
 * playout path (parsing, placing, FEC bookkeeping, the jitter buffer, concealment, the latency
 * histogram, frame reassembly, loss tracking) before the receiver subscribes. The first pass
 * through that code loads its classes and runs interpreted; when it happened at the first real
 * packet's playout the receive loop stalled for tens of milliseconds, and the first second
 * played up to 170 ms after sending against a 100 ms latency. Like {@link FecWarmup}, this
 * moves the cost to where no deadline is running. Thread-safe.
 */
final class PlayoutWarmup {

    /** Audio packets of the made-up session: 2 s of 5 ms packets, enough for the JIT's first tier. */
    static final int PACKETS = 400;
    /** Every this many audio packets one is left out, so concealment and NACK bookkeeping run too. */
    static final int LOSS_EVERY = 9;

    private static final int SAMPLE_RATE = 48_000;
    private static final int SAMPLES_PER_PACKET = 240;
    private static final int FPS = 25;
    private static final int SESSION_ID = 1;
    private static final long MS = 1_000_000L;

    /** Set once the path has run in this JVM: the JIT's work is shared by every later session. */
    private static final AtomicBoolean WARMED = new AtomicBoolean();

    private PlayoutWarmup() {
    }

    /** Runs the made-up session once per JVM, with {@code fec} as its scheme; later calls return at once. */
    static void warm(FecScheme fec) {
        if (WARMED.getAndSet(true)) {
            return;
        }
        long frames = PACKETS * SAMPLES_PER_PACKET / (SAMPLE_RATE / FPS);
        Packet.SessionInfo info = new Packet.SessionInfo(Header.control(PacketType.SESSION_INFO, SESSION_ID), SAMPLE_RATE,
                2, false, true, SAMPLES_PER_PACKET, (long) PACKETS * SAMPLES_PER_PACKET, 0, 0, 0, 0, FPS * 1000, frames,
                fec.spec());
        PlayoutClock clock = new PlayoutClock(100 * MS);
        SessionPlayout playout = new SessionPlayout(info, clock, AudioSink.NONE, FrameSink.NONE);
        byte[] pcm = new byte[SAMPLES_PER_PACKET * 4];
        byte[] fragment = new byte[600];
        int frameSequence = 0;
        long nextFrame = 0;
        long start = 1_000 * MS;
        clock.onRoundTrip(20 * MS);
        try {
            for (int k = 0; k < PACKETS; k++) {
                long media = playout.timeline().nanosOfPacketNumber(k);
                long now = start + media + 10 * MS;
                pcm[k % pcm.length] = (byte) k;
                if (k % LOSS_EVERY != LOSS_EVERY - 1) {
                    Header h = new Header(PacketType.AUDIO, 0, StreamId.AUDIO, k, playout.timeline().timestampOfPacketNumber(k), SESSION_ID);
                    deliver(playout, PacketWriter.write(new Packet.Audio(h, pcm)), now);
                }
                while (nextFrame < frames && playout.timeline().nanosOfFrameNumber(nextFrame) <= media) {
                    for (int i = 0; i < 2; i++) {
                        Header h = new Header(PacketType.FRAME_FRAGMENT, 0, StreamId.FRAMES, frameSequence++, nextFrame, SESSION_ID);
                        deliver(playout, PacketWriter.write(new Packet.FrameFragment(h, i, 2, fragment)), now);
                    }
                    nextFrame++;
                }
                clock.adapt(now);
                playout.playDue(now);
                playout.nacks(now);
            }
            playout.flush(start + 10_000 * MS);
        } catch (IOException e) {
            throw new UncheckedIOException("warm-up with sinks that discard everything failed", e);
        }
    }

    private static void deliver(SessionPlayout playout, byte[] datagram, long now) {
        try {
            playout.onMedia(PacketReader.read(datagram), datagram, now);
        } catch (MalformedPacketException e) {
            throw new IllegalStateException("warm-up packet rejected: " + e.getMessage(), e);
        }
    }
}
