package dev.netlab.lab.media;

import dev.netlab.lab.WallClock;
import dev.netlab.livestream.media.PcmAudio;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.locks.LockSupport;

/**
 * Streams a clip over one TCP connection the plain way: each 5 ms packet is written to the
 * socket when it is due, with Nagle's algorithm off (as every real-time TCP sender does, so the
 * kernel sends it at once). Whatever TCP then does with it, retransmission, waiting behind a
 * lost segment, is TCP's. Not thread-safe; one instance streams once.
 */
public final class TcpMediaSender {

    private final PcmAudio clip;
    private final int framesPerPacket;

    public TcpMediaSender(PcmAudio clip, int framesPerPacket) {
        this.clip = clip;
        this.framesPerPacket = framesPerPacket;
    }

    /**
     * The stream starts this long after the connection is up: the sender has then cut every
     * packet and loaded its code, so a cold JVM does not make the first packets late.
     */
    static final long LEAD_NANOS = 200_000_000L;

    /** Connects, sends every packet at its time, closes; returns the number of packets sent. */
    public int stream(InetSocketAddress receiver) throws IOException {
        int packets = (clip.frameCount() + framesPerPacket - 1) / framesPerPacket;
        byte[][] pcm = new byte[packets][];
        for (int seq = 0; seq < packets; seq++) {
            pcm[seq] = clip.slice(seq * framesPerPacket, framesPerPacket);
        }
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.connect(receiver);
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
            long startMono = System.nanoTime() + LEAD_NANOS;
            for (int seq = 0; seq < packets; seq++) {
                long due = startMono + clip.format().nanosAt((long) seq * framesPerPacket);
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                out.writeInt(seq);
                out.writeLong(WallClock.fromMonotonic(due));
                out.writeShort(pcm[seq].length);
                out.write(pcm[seq]);
                out.flush();
            }
            socket.shutdownOutput();
            // Wait for the receiver to close: the data has then been read, not just buffered.
            socket.getInputStream().read();
            return packets;
        }
    }
}
