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

    /**
     * How much of a file one write hands to a channel that sendfile cannot reach (TLS): 16 full
     * TLS records per call, where {@code transferTo} would hand over 8 KiB pieces, each then a
     * half-empty record and its own system call on both ends.
     */
    public static final int FILE_PIECE_SIZE = 256 * 1024;

    private final WritableByteChannel out;
    private final ConnectionActivity activity;
    private final ByteBuffer staging = ByteBuffer.allocateDirect(STAGING_SIZE);
    /** For {@link #transferFrom} when sendfile is out of reach; made on first use. */
    private ByteBuffer filePiece;

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
     * Sends {@code length} bytes of a file after whatever is staged. To a socket or file this is
     * {@code FileChannel.transferTo}: sendfile(2), so the bytes go from the page cache to the
     * socket without passing through this process. Any other channel (TLS, which must encrypt the
     * bytes in this process anyway) gets them in {@link #FILE_PIECE_SIZE} pieces read into one
     * reused array.
     */
    public void transferFrom(FileChannel file, long position, long length) throws IOException {
        flush();
        if (out instanceof SocketChannel || out instanceof FileChannel) {
            sendFile(file, position, length);
        } else {
            copyFile(file, position, length);
        }
    }

    /**
     * As {@link #transferFrom(FileChannel, long, long)} for a caller that already holds the
     * bytes, {@code mapped}'s remaining ones, in a mapping of {@code file} from {@code position}
     * (the sender maps every chunk to hash it). Where sendfile is out of reach the mapping is
     * written as it is: one copy, into the TLS records, instead of a read into an array and a
     * copy from there. {@code mapped} is consumed either way.
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
                requireSourceReaches(file, position + length);
                continue;
            }
            sent += n;
            activity.touch();
        }
    }

    private void copyFile(FileChannel file, long position, long length) throws IOException {
        if (filePiece == null) {
            filePiece = ByteBuffer.allocate(FILE_PIECE_SIZE);
        }
        long sent = 0;
        while (sent < length) {
            filePiece.clear().limit((int) Math.min(FILE_PIECE_SIZE, length - sent));
            while (filePiece.hasRemaining()) {
                if (file.read(filePiece, position + sent + filePiece.position()) < 0) {
                    requireSourceReaches(file, position + length);
                }
            }
            filePiece.flip();
            while (filePiece.hasRemaining()) {
                out.write(filePiece);
            }
            sent += filePiece.limit();
            activity.touch();
        }
    }

    private static void requireSourceReaches(FileChannel file, long end) throws IOException {
        if (end > file.size()) {
            throw new EOFException("source shrank while sending: ends at byte " + file.size() + ", needed " + end);
        }
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
