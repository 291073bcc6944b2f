package dev.netlab.filetransfer.transport;

import java.io.IOException;
import java.io.EOFException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;

/**
 * Gathers small writes into one staging buffer and sends them in one system call on
 * {@link #flush()} or when the buffer fills; writes of half the buffer or more go straight
 * through. Ten thousand small files thus cost tens of writes, not tens of thousands. The owner
 * must flush before it waits for the peer. Not thread-safe.
 */
public final class CoalescingWriteChannel implements WritableByteChannel {

    /** 256 KiB: hundreds of small frames per write, small beside a 1 MiB chunk. */
    public static final int STAGING_SIZE = 256 * 1024;

    private final WritableByteChannel out;
    private final ConnectionActivity activity;
    private final ByteBuffer staging = ByteBuffer.allocateDirect(STAGING_SIZE);

    public CoalescingWriteChannel(WritableByteChannel out, ConnectionActivity activity) {
        this.out = out;
        this.activity = activity;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        int n = src.remaining();
        if (n <= staging.remaining()) {
            staging.put(src);
            return n;
        }
        flush();
        if (n >= STAGING_SIZE / 2) {
            int written = out.write(src);
            if (written > 0) {
                activity.touch();
            }
            return written;
        }
        staging.put(src);
        return n;
    }

    /** Sends everything staged. */
    public void flush() throws IOException {
        staging.flip();
        try {
            while (staging.hasRemaining()) {
                if (out.write(staging) > 0) {
                    activity.touch();
                }
            }
        } finally {
            staging.compact();
        }
    }

    /**
     * Sends a range of a file after whatever is staged, for a caller that holds it mapped
     * ({@code mapped}'s remaining bytes, from {@code position}; the sender maps every chunk to
     * hash it). To a socket or file this is {@code FileChannel.transferTo}: sendfile(2), so the
     * bytes go from the page cache to the socket without passing through this process. Any other
     * channel (TLS, which must encrypt the bytes in this process anyway) gets the mapping as it
     * is, in one write: one copy, into full TLS records. {@code mapped} is consumed either way.
     */
    public void transferFrom(FileChannel file, long position, ByteBuffer mapped) throws IOException {
        flush();
        if (out instanceof SocketChannel || out instanceof FileChannel) {
            sendFile(file, position, mapped.remaining());
            mapped.position(mapped.limit());
            return;
        }
        while (mapped.hasRemaining()) {
            out.write(mapped);
        }
        activity.touch();
    }

    private void sendFile(FileChannel file, long position, long length) throws IOException {
        long sent = 0;
        while (sent < length) {
            long n = file.transferTo(position + sent, length - sent, out);
            if (n <= 0) {
                if (position + length > file.size()) {
                    padFrame(length - sent);
                    throw new EOFException("source shrank while sending: ends at byte " + file.size() + ", needed "
                            + (position + length));
                }
                continue;
            }
            sent += n;
            activity.touch();
        }
    }

    /**
     * Completes a frame whose source ran short with zeros, so the stream stays in step: the
     * receiver finds the chunk's CRC32C wrong, and the sender, which sees the source changed,
     * abandons the file with a message of its own.
     */
    private void padFrame(long missing) throws IOException {
        ByteBuffer zeros = ByteBuffer.allocate((int) Math.min(missing, 64 * 1024));
        for (long left = missing; left > 0; left -= zeros.position()) {
            zeros.clear().limit((int) Math.min(left, zeros.capacity()));
            while (zeros.hasRemaining()) {
                out.write(zeros);
            }
        }
        activity.touch();
    }

    @Override
    public boolean isOpen() {
        return out.isOpen();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
