package dev.netlab.lab.file;

import dev.netlab.lab.WallClock;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;

/**
 * Receives a bare UDP file send the textbook way: every datagram's bytes are appended to the
 * output in the order the datagrams arrive. UDP has no connection and so no end: the receiver
 * stops when nothing has come for {@link #IDLE_TIMEOUT_MILLIS} after the first datagram, or at
 * its deadline. It counts what the network did, from the sequence numbers: datagrams that came
 * out of order and duplicates (it writes those too, as the textbook receiver would).
 *
 * <p>A datagram shorter than the header or longer than {@link DatagramFileFormat#MAX_DATAGRAM}
 * is counted as malformed and dropped, as is one whose sequence number lies beyond a file of
 * {@code maxBytes}; the output never grows past {@code maxBytes}, whatever
 * a flood brings. Not thread-safe; one instance receives once.
 */
public final class DatagramFileReceiver {

    /**
     * Silence that ends the receive: far longer than any gap of a paced sender on a LAN (a few
     * milliseconds), short enough not to dominate the run's time.
     */
    public static final int IDLE_TIMEOUT_MILLIS = 500;

    /** Receive buffer asked for: 4 MiB, the usual Linux cap (net.core.rmem_max), ~3000 datagrams. */
    private static final int RECEIVE_BUFFER_BYTES = 4 * 1024 * 1024;

    private final DatagramSocket socket;
    private final long maxBytes;

    /** What the receiver saw; times are wall-clock nanoseconds (0 when nothing came). */
    public record Outcome(long datagrams, long bytes, long outOfOrder, long duplicates, long malformed,
                          long firstArrivalNanos, long lastArrivalNanos) {

        public double seconds() {
            return datagrams == 0 ? 0 : (lastArrivalNanos - firstArrivalNanos) / 1e9;
        }
    }

    public DatagramFileReceiver(DatagramSocket socket, long maxBytes) throws IOException {
        this.socket = socket;
        this.maxBytes = maxBytes;
        socket.setReceiveBufferSize(RECEIVE_BUFFER_BYTES);
    }

    public static DatagramFileReceiver bind(InetSocketAddress address, long maxBytes) throws IOException {
        return new DatagramFileReceiver(new DatagramSocket(address), maxBytes);
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** Receives into {@code out} until idle or {@code deadlineNanos} (wall clock); closes the socket. */
    public Outcome receive(Path out, long deadlineNanos) throws IOException {
        byte[] buffer = new byte[DatagramFileFormat.MAX_DATAGRAM + 1];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        Tally tally = new Tally((maxBytes + DatagramFileFormat.MAX_PAYLOAD - 1) / DatagramFileFormat.MAX_PAYLOAD);
        try (socket; OutputStream file = new BufferedOutputStream(Files.newOutputStream(out))) {
            long left;
            while ((left = (deadlineNanos - WallClock.nowNanos()) / 1_000_000) > 0) {
                socket.setSoTimeout((int) Math.min(left, tally.datagrams == 0 ? Integer.MAX_VALUE : IDLE_TIMEOUT_MILLIS));
                try {
                    packet.setLength(buffer.length);
                    socket.receive(packet);
                } catch (SocketTimeoutException idle) {
                    if (tally.datagrams > 0) {
                        break;
                    }
                    continue;
                }
                int length = packet.getLength();
                int seq = length <= DatagramFileFormat.HEADER_LENGTH || length > DatagramFileFormat.MAX_DATAGRAM ? -1
                        : ByteBuffer.wrap(buffer, DatagramFileFormat.SEQUENCE_OFFSET, DatagramFileFormat.SEQUENCE_SIZE).getInt();
                if (tally.accepts(seq)) {
                    int payload = (int) Math.min(length - DatagramFileFormat.HEADER_LENGTH, maxBytes - tally.bytes);
                    file.write(buffer, DatagramFileFormat.HEADER_LENGTH, payload);
                    tally.bytes += payload;
                }
            }
        }
        return tally.outcome();
    }

    /** What came so far: counts by kind, sequence numbers seen, first and last arrival. */
    private static final class Tally {
        private final long lastSeq;
        private final BitSet seen = new BitSet();
        private long datagrams;
        private long bytes;
        private long outOfOrder;
        private long duplicates;
        private long malformed;
        private long first;
        private long last;
        private int highest = -1;

        Tally(long lastSeq) {
            this.lastSeq = lastSeq;
        }

        /** Counts a datagram with sequence number {@code seq} (-1: malformed); false if it is to be dropped. */
        boolean accepts(int seq) {
            if (seq < 0 || seq > lastSeq) {
                malformed++;
                return false;
            }
            long now = WallClock.nowNanos();
            first = datagrams == 0 ? now : first;
            last = now;
            datagrams++;
            if (seen.get(seq)) {
                duplicates++;
            } else if (seq < highest) {
                outOfOrder++;
            }
            seen.set(seq);
            highest = Math.max(highest, seq);
            return true;
        }

        Outcome outcome() {
            return new Outcome(datagrams, bytes, outOfOrder, duplicates, malformed, first, last);
        }
    }
}
