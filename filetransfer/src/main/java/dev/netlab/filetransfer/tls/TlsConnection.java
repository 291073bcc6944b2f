package dev.netlab.filetransfer.tls;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * One TLS connection: JSSE's {@link SSLSocket} layered over a connected TCP socket, seen as a
 * byte channel. An earlier version drove an {@code SSLEngine} by hand with large buffers; on
 * today's code it saved 9-17 % of the CPU per GiB (both ends; docs/tls.md), too little to keep a
 * security state machine of our own.
 *
 * <p>Made by {@link TlsConnector#connect} and {@link TlsAcceptor#accept}, handshake done. Reads
 * block until data comes or the connection is closed (the callers' watchdogs close stalled
 * connections). End of stream is a close_notify from the peer; a connection cut without one is
 * an {@link EOFException}, never an end of stream ({@link TlsSettings#requireCloseNotify}).
 *
 * <p>One reader thread and one writer thread may use it at once. {@link #close()} is safe from
 * any thread and never waits behind a blocked write: it sends close_notify only when no write is
 * in progress, and otherwise closes the TCP socket, which fails the blocked write at once.
 */
final class TlsConnection implements Closeable {

    /** The most bytes copied from a direct buffer per write; a multiple of the 16 KiB record. */
    static final int WRITE_COPY_SIZE = 256 * 1024;
    /** The most bytes read for a direct buffer per read; SSLSocket returns one record at a time. */
    static final int READ_COPY_SIZE = 64 * 1024;

    /**
     * Application bytes written before {@link CipherWarmup} starts, if nothing started it yet (a
     * server does at once): a client that sends less never pays the warm-up's quarter CPU-second
     * (a 1-byte {@code send --tls} between two namespaces: 0.50-0.67 s and 0.85-1.20 CPU-s with
     * it, 0.37-0.57 s and 0.60-0.94 without). The price: started after the handshake rather than
     * before it, a 1 GiB {@code --tls} send on loopback took about 0.15 s longer (2.36-2.73 s
     * against 2.11-2.53, 4 alternating runs).
     */
    static final long BULK_BYTES = 1024 * 1024;

    private static final String TRUNCATED = "TLS connection closed by the peer without close_notify";

    private final SSLSocket ssl;
    private final Socket tcp;
    private final InputStream in;
    private final OutputStream out;
    /** Held by a write; {@link #close()} sends close_notify only when it can take it at once. */
    private final ReentrantLock writeLock = new ReentrantLock();
    /** For reads into direct buffers; reader thread only. */
    private byte[] readCopy;
    /** For writes from direct buffers; guarded by {@link #writeLock}. */
    private byte[] writeCopy;
    /** Application bytes written, up to {@link #BULK_BYTES}; guarded by {@link #writeLock}. */
    private long written;
    private volatile boolean closed;

    private TlsConnection(SSLSocket ssl, Socket tcp) throws IOException {
        this.ssl = ssl;
        this.tcp = tcp;
        this.in = ssl.getInputStream();
        this.out = ssl.getOutputStream();
    }

    /**
     * Runs the handshake of {@code ssl} (layered over {@code tcp}, parameters set) with each
     * handshake read limited to {@code timeout}, and returns the connection. On failure the alert
     * JSSE produced has been sent; closing the socket is the caller's job.
     */
    static TlsConnection handshake(SSLSocket ssl, Socket tcp, Duration timeout) throws IOException {
        int readTimeout = tcp.getSoTimeout();
        ssl.setSoTimeout((int) timeout.toMillis());
        try {
            ssl.startHandshake();
        } finally {
            if (!tcp.isClosed()) {
                ssl.setSoTimeout(readTimeout);
            }
        }
        return new TlsConnection(ssl, tcp);
    }

    SSLSession getSession() {
        return ssl.getSession();
    }

    /** Reads application data; -1 once the peer sent close_notify. Reader thread only. */
    int read(ByteBuffer dst) throws IOException {
        if (closed) {
            throw new ClosedChannelException();
        }
        if (!dst.hasRemaining()) {
            return 0;
        }
        if (dst.hasArray()) {
            int n = readInto(dst.array(), dst.arrayOffset() + dst.position(), dst.remaining());
            if (n > 0) {
                dst.position(dst.position() + n);
            }
            return n;
        }
        if (readCopy == null) {
            readCopy = new byte[READ_COPY_SIZE];
        }
        int n = readInto(readCopy, 0, Math.min(readCopy.length, dst.remaining()));
        if (n > 0) {
            dst.put(readCopy, 0, n);
        }
        return n;
    }

    private int readInto(byte[] into, int offset, int length) throws IOException {
        try {
            return in.read(into, offset, length);
        } catch (SSLException e) {
            if (causedByEndOfStream(e)) {
                throw new EOFException(TRUNCATED);
            }
            throw e;
        }
    }

    /**
     * JSSE reports a TCP end of stream without close_notify as an SSLProtocolException "Remote
     * host terminated the connection", with the EOFException as its cause when it has one.
     */
    private static boolean causedByEndOfStream(SSLException e) {
        if (String.valueOf(e.getMessage()).contains("terminated the connection")) {
            return true;
        }
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof EOFException) {
                return true;
            }
        }
        return false;
    }

    /** Seals and sends all of {@code src}, blocking as a blocking channel does. */
    int write(ByteBuffer src) throws IOException {
        int total = src.remaining();
        writeLock.lock();
        try {
            if (closed) {
                throw new ClosedChannelException();
            }
            if (src.hasArray()) {
                out.write(src.array(), src.arrayOffset() + src.position(), total);
                src.position(src.limit());
            } else {
                if (writeCopy == null) {
                    writeCopy = new byte[WRITE_COPY_SIZE];
                }
                while (src.hasRemaining()) {
                    int n = Math.min(writeCopy.length, src.remaining());
                    src.get(writeCopy, 0, n);
                    out.write(writeCopy, 0, n);
                }
            }
            out.flush();
            if (written < BULK_BYTES && (written += total) >= BULK_BYTES) {
                CipherWarmup.startOnce(false);
            }
            return total;
        } finally {
            writeLock.unlock();
        }
    }

    /** Sends close_notify (the peer reads end of stream) and keeps the reading side open. */
    void shutdownOutput() throws IOException {
        writeLock.lock();
        try {
            ssl.shutdownOutput();
        } finally {
            writeLock.unlock();
        }
    }

    /** This connection as one channel: reads from the reader thread, writes from the writer thread. */
    ByteChannel channel() {
        return new ByteChannel() {
            @Override
            public int read(ByteBuffer dst) throws IOException {
                return TlsConnection.this.read(dst);
            }

            @Override
            public int write(ByteBuffer src) throws IOException {
                return TlsConnection.this.write(src);
            }

            @Override
            public boolean isOpen() {
                return !closed;
            }

            @Override
            public void close() throws IOException {
                TlsConnection.this.close();
            }
        };
    }

    InputStream getInputStream() {
        return Channels.newInputStream(channel());
    }

    OutputStream getOutputStream() {
        return Channels.newOutputStream(channel());
    }

    /**
     * Sends close_notify and closes, if no write is in progress; otherwise closes the TCP socket
     * under the TLS one, which fails the blocked write (JSSE's own close would wait for it). The
     * close_notify itself can block when the peer stopped reading and the send buffer is full, so
     * a watchdog closes the TCP socket first; the close_notify then fails at once.
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (writeLock.tryLock()) {
            try {
                ssl.close();
            } catch (IOException e) {
                // The peer may be gone already; the TCP socket closes below either way.
            } finally {
                writeLock.unlock();
                tcp.close();
            }
        } else {
            tcp.close();
        }
    }
}
