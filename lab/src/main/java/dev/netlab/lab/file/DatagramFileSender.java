package dev.netlab.lab.file;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends a file as bare UDP datagrams ({@link DatagramFileFormat}): no connection, no
 * acknowledgment, no retransmission. Each send hands one datagram to the network and forgets it.
 *
 * <p>It paces itself to {@code bytesPerSecond}: UDP has no flow control, and a sender faster
 * than its receiver would lose datagrams in the receiver's socket buffer on top of those the
 * link drops; paced, the loss measured is the link's. Not thread-safe.
 */
public final class DatagramFileSender {

    /** Pacing checked every this many datagrams: one park per ~90 KB instead of per datagram. */
    private static final int PACING_BATCH = 64;

    private final long bytesPerSecond;

    public DatagramFileSender(long bytesPerSecond) {
        if (bytesPerSecond <= 0) {
            throw new IllegalArgumentException("rate " + bytesPerSecond + " B/s <= 0");
        }
        this.bytesPerSecond = bytesPerSecond;
    }

    /** Sends {@code file} to {@code receiver}; returns the number of datagrams sent. */
    public int send(Path file, InetSocketAddress receiver) throws IOException {
        try (DatagramChannel channel = DatagramChannel.open();
             InputStream in = Files.newInputStream(file)) {
            channel.connect(receiver);
            ByteBuffer datagram = ByteBuffer.allocate(DatagramFileFormat.MAX_DATAGRAM);
            byte[] piece = new byte[DatagramFileFormat.MAX_PAYLOAD];
            long start = System.nanoTime();
            long sentBytes = 0;
            int seq = 0;
            int read;
            while ((read = in.readNBytes(piece, 0, piece.length)) > 0) {
                datagram.clear();
                datagram.putInt(seq++).put(piece, 0, read).flip();
                channel.write(datagram);
                sentBytes += read;
                if (seq % PACING_BATCH == 0) {
                    long due = start + sentBytes * 1_000_000_000L / bytesPerSecond;
                    long wait;
                    while ((wait = due - System.nanoTime()) > 0) {
                        LockSupport.parkNanos(wait);
                    }
                }
            }
            return seq;
        }
    }
}
