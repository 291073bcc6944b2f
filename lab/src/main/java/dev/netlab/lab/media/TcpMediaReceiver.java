package dev.netlab.lab.media;

import dev.netlab.lab.WallClock;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * Reads one plain TCP media stream ({@link TcpMediaFormat}) and notes when each packet arrived.
 * It stops at the sender's end of stream or {@code tailNanos} after the clip's last packet was
 * due, whichever comes first: a packet still stuck behind TCP's retransmissions by then counts as
 * never arrived. A length over
 * {@link TcpMediaFormat#MAX_PAYLOAD} or a sequence number outside the clip ends the stream as
 * broken. Not thread-safe; one instance reads once.
 */
public final class TcpMediaReceiver {

    private final ServerSocket listener;
    private final int packets;

    /** {@code listener} is bound already; {@code packets} is the clip's packet count. */
    public TcpMediaReceiver(ServerSocket listener, int packets) {
        if (packets < 0 || packets > TcpMediaFormat.MAX_PACKETS) {
            throw new IllegalArgumentException("packets " + packets + " not in 0.." + TcpMediaFormat.MAX_PACKETS);
        }
        this.listener = listener;
        this.packets = packets;
    }

    /**
     * Accepts one sender (until {@code startDeadlineNanos}, wall clock) and reads until its end
     * of stream or {@code tailNanos} after the end of the {@code streamNanos} long clip.
     */
    public PacketArrivals receive(long startDeadlineNanos, long streamNanos, long tailNanos) throws IOException {
        PacketArrivals arrivals = new PacketArrivals(packets);
        long deadlineNanos = startDeadlineNanos;
        listener.setSoTimeout(timeoutUntil(deadlineNanos));
        try (Socket socket = listener.accept()) {
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            byte[] payload = new byte[TcpMediaFormat.MAX_PAYLOAD];
            while (true) {
                socket.setSoTimeout(timeoutUntil(deadlineNanos));
                int seq;
                try {
                    seq = in.readInt();
                } catch (EOFException endOfStream) {
                    break;
                }
                long sent = in.readLong();
                int length = in.readUnsignedShort();
                if (length > TcpMediaFormat.MAX_PAYLOAD) {
                    throw new IOException("media packet length " + length + " > max " + TcpMediaFormat.MAX_PAYLOAD);
                }
                if (seq < 0 || seq >= packets) {
                    throw new IOException("media packet " + seq + " outside the clip's " + packets + " packets");
                }
                in.readFully(payload, 0, length);
                long now = WallClock.nowNanos();
                if (seq == 0) {
                    deadlineNanos = sent + streamNanos + tailNanos;
                }
                arrivals.arrived(seq, sent, now);
            }
        } catch (SocketTimeoutException deadlinePassed) {
            // What has not come by now is never played: the arrivals so far are the answer.
        }
        return arrivals;
    }

    private static int timeoutUntil(long deadlineNanos) {
        long millis = (deadlineNanos - WallClock.nowNanos()) / 1_000_000;
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, millis));
    }
}
