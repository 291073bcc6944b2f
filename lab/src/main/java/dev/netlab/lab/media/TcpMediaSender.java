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

    /** Connects, sends every packet at its time, closes; returns the number of packets sent. */
    public int stream(InetSocketAddress receiver) throws IOException {
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.connect(receiver);
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
            long startMono = System.nanoTime();
            int packets = (clip.frameCount() + framesPerPacket - 1) / framesPerPacket;
            for (int seq = 0; seq < packets; seq++) {
                long offset = clip.format().nanosAt((long) seq * framesPerPacket);
                long wait;
                while ((wait = startMono + offset - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                byte[] pcm = clip.slice(seq * framesPerPacket, framesPerPacket);
                out.writeInt(seq);
                out.writeLong(WallClock.fromMonotonic(startMono + offset));
                out.writeShort(pcm.length);
                out.write(pcm);
                out.flush();
            }
            socket.shutdownOutput();
            // Wait for the receiver to close: the data has then been read, not just buffered.
            socket.getInputStream().read();
            return packets;
        }
    }
}
