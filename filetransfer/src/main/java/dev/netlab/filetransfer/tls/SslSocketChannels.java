package dev.netlab.filetransfer.tls;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * Byte channels over an SSL socket's streams, for the protocol code that reads and writes
 * channels. Unlike {@code Channels.newChannel}, which copies through an 8 KiB array, heap
 * buffers are read and written in place and direct buffers go through a
 * {@link #COPY_BUFFER_SIZE} array, so a 1 MiB chunk costs a few calls, not 128.
 *
 * <p>Each channel is used by one thread at a time (a reader thread and a writer thread may work
 * at once). Closing either closes the whole connection through the given closer.
 */
final class SslSocketChannels {

    /** Four full TLS records (16 KiB of plaintext each) per call into the SSL socket. */
    static final int COPY_BUFFER_SIZE = 64 * 1024;

    private SslSocketChannels() {
    }

    static ReadableByteChannel readable(InputStream in, Closeable connection) {
        return new Readable(in, connection);
    }

    /** Each write is bracketed by the closer's {@link TlsConnectionCloser#beginWrite()}/{@code endWrite()}. */
    static WritableByteChannel writable(OutputStream out, TlsConnectionCloser connection) {
        return new Writable(out, connection);
    }

    /** Open until closed; closing closes the connection. */
    private abstract static class Base {
        private final Closeable connection;
        private volatile boolean open = true;

        Base(Closeable connection) {
            this.connection = connection;
        }

        public final boolean isOpen() {
            return open;
        }

        public final void close() throws IOException {
            open = false;
            connection.close();
        }

        final void ensureOpen() throws ClosedChannelException {
            if (!open) {
                throw new ClosedChannelException();
            }
        }
    }

    private static final class Readable extends Base implements ReadableByteChannel {
        private final InputStream in;
        private byte[] copy;

        Readable(InputStream in, Closeable connection) {
            super(connection);
            this.in = in;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            ensureOpen();
            int wanted = dst.remaining();
            if (wanted == 0) {
                return 0;
            }
            if (dst.hasArray()) {
                int n = in.read(dst.array(), dst.arrayOffset() + dst.position(), wanted);
                if (n > 0) {
                    dst.position(dst.position() + n);
                }
                return n;
            }
            if (copy == null) {
                copy = new byte[COPY_BUFFER_SIZE];
            }
            int n = in.read(copy, 0, Math.min(wanted, copy.length));
            if (n > 0) {
                dst.put(copy, 0, n);
            }
            return n;
        }
    }

    private static final class Writable extends Base implements WritableByteChannel {
        private final OutputStream out;
        private final TlsConnectionCloser closer;
        private byte[] copy;

        Writable(OutputStream out, TlsConnectionCloser closer) {
            super(closer);
            this.out = out;
            this.closer = closer;
        }

        /** Blocks until all of {@code src} is written, as a blocking channel does. */
        @Override
        public int write(ByteBuffer src) throws IOException {
            ensureOpen();
            closer.beginWrite();
            try {
                return writeAll(src);
            } finally {
                closer.endWrite();
            }
        }

        private int writeAll(ByteBuffer src) throws IOException {
            int total = src.remaining();
            if (src.hasArray()) {
                out.write(src.array(), src.arrayOffset() + src.position(), total);
                src.position(src.limit());
                return total;
            }
            if (copy == null) {
                copy = new byte[COPY_BUFFER_SIZE];
            }
            while (src.hasRemaining()) {
                int n = Math.min(src.remaining(), copy.length);
                src.get(copy, 0, n);
                out.write(copy, 0, n);
            }
            return total;
        }
    }
}
