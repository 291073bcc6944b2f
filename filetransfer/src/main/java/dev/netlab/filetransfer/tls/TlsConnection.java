package dev.netlab.filetransfer.tls;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ByteChannel;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;

/**
 * One TLS connection, driven through an {@link SSLEngine} over a connected socket with large
 * buffers: a write seals up to {@link #NET_BUFFER_SIZE} bytes of full 16 KiB records and sends
 * them in one system call, and a read takes whatever records have arrived, up to the same size, in
 * one system call and opens them straight into the caller's buffer. An {@code SSLSocket} makes one
 * system call per record sent and two per record received, and copies every byte through a
 * temporary native buffer on the way.
 *
 * <p>The buffers are heap arrays, not direct: SunJCE's AES-GCM runs its intrinsics on arrays and
 * copies direct buffers through small arrays first. Over loopback in one warm JVM (both ends),
 * 1 GiB cost 2.13 CPU-seconds this way, 2.5 with direct buffers and 2.4 through {@code SSLSocket}.
 *
 * <p>Made by {@link TlsConnector#connect} and {@link TlsAcceptor#accept}, handshake done. A socket
 * with a channel (as the server and client use) is read and written through it; a plain
 * {@code java.net.Socket} through its streams. Handshake reads honour the
 * socket's read timeout; later reads block until data comes or the connection is closed (the
 * callers' watchdogs close stalled connections).
 *
 * <p>One reader thread and one writer thread may use it at once. {@link #close()} is safe from
 * any thread and never waits behind a blocked write: it sends close_notify only when no write is
 * in progress, then closes the socket, which wakes any thread blocked on it.
 */
final class TlsConnection implements Closeable {

    /** 16 full records per system call: few calls, and still small beside a 1 MiB chunk. */
    static final int NET_BUFFER_SIZE = 256 * 1024;

    private static final ByteBuffer NOTHING = ByteBuffer.allocate(0);

    private final Socket socket;
    private final SSLEngine engine;
    private final TlsSocketIo net;
    /**
     * Received bytes not yet opened; reader thread only. Kept ready for reading (flipped): records
     * are opened in place one after another, and the rest moves to the front only before the next
     * socket read, not after every record.
     */
    private final ByteBuffer netIn;
    /** Opened bytes that did not fit the caller's buffer; reader thread only. Kept ready for reading. */
    private final ByteBuffer appIn;
    /** Sealed records on their way out; guarded by {@link #writeLock}. */
    private final ByteBuffer netOut;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final int appBufferSize;
    private final int packetSize;
    private volatile boolean closed;

    /**
     * @param socket connected
     * @param alreadyRead bytes read off the socket before the handshake (a peeked first byte), or empty
     */
    private TlsConnection(Socket socket, SSLEngine engine, ByteBuffer alreadyRead) {
        this.socket = socket;
        this.engine = engine;
        SSLSession session = engine.getSession();
        this.packetSize = session.getPacketBufferSize();
        this.appBufferSize = session.getApplicationBufferSize();
        this.net = TlsSocketIo.of(socket);
        this.netIn = ByteBuffer.allocate(NET_BUFFER_SIZE + packetSize).put(alreadyRead).flip();
        this.netOut = ByteBuffer.allocate(NET_BUFFER_SIZE + packetSize);
        this.appIn = ByteBuffer.allocate(appBufferSize).flip();
    }

    /**
     * Runs the handshake over {@code socket} and returns the connection. On failure the alert the
     * engine produced (if any) has been sent; closing the socket is the caller's job.
     *
     * @param timeout how long each handshake read may wait
     */
    static TlsConnection handshake(Socket socket, SSLEngine engine, ByteBuffer alreadyRead, Duration timeout)
            throws IOException {
        TlsConnection connection = new TlsConnection(socket, engine, alreadyRead);
        int readTimeout = socket.getSoTimeout();
        socket.setSoTimeout((int) timeout.toMillis());
        try {
            connection.runHandshake();
        } catch (SSLException e) {
            connection.sendPendingAlert(e);
            throw e;
        } finally {
            if (!socket.isClosed()) {
                socket.setSoTimeout(readTimeout);
            }
        }
        return connection;
    }

    SSLSession getSession() {
        return engine.getSession();
    }

    private void runHandshake() throws IOException {
        engine.beginHandshake();
        HandshakeStatus status = engine.getHandshakeStatus();
        while (status != HandshakeStatus.FINISHED && status != HandshakeStatus.NOT_HANDSHAKING) {
            switch (status) {
                case NEED_WRAP -> status = sendHandshake();
                case NEED_TASK -> status = runTasks();
                default -> status = receiveHandshake();
            }
        }
    }

    private HandshakeStatus sendHandshake() throws IOException {
        writeLock.lock();
        try {
            netOut.clear();
            SSLEngineResult result = engine.wrap(NOTHING, netOut);
            netOut.flip();
            net.writeFully(netOut);
            if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
                throw new SSLException("TLS handshake ended: this side closed the connection");
            }
            return result.getHandshakeStatus();
        } finally {
            writeLock.unlock();
        }
    }

    private HandshakeStatus receiveHandshake() throws IOException {
        while (true) {
            SSLEngineResult result = unwrap(appIn.clear());
            appIn.flip();
            switch (result.getStatus()) {
                case BUFFER_UNDERFLOW -> {
                    if (receive(true) < 0) {
                        throw new EOFException("the peer closed the connection during the TLS handshake");
                    }
                }
                case CLOSED -> throw new SSLException("the peer closed the connection during the TLS handshake");
                default -> {
                    return result.getHandshakeStatus();
                }
            }
        }
    }

    private HandshakeStatus runTasks() {
        for (Runnable task; (task = engine.getDelegatedTask()) != null; ) {
            task.run();
        }
        return engine.getHandshakeStatus();
    }

    /** Best effort: a handshake that failed here should still tell the peer why. */
    private void sendPendingAlert(SSLException failure) {
        try {
            sendHandshake();
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private SSLEngineResult unwrap(ByteBuffer target) throws SSLException {
        return engine.unwrap(netIn, target);
    }

    /** Moves the unopened rest of {@link #netIn} to its front and reads more behind it. */
    private int receive(boolean timed) throws IOException {
        netIn.compact();
        try {
            if (!netIn.hasRemaining()) {
                throw new SSLException("TLS record does not fit " + netIn.capacity() + " bytes");
            }
            return timed ? net.timedRead(netIn) : net.read(netIn);
        } finally {
            netIn.flip();
        }
    }

    /** Reads application data; -1 once the peer sent close_notify. Reader thread only. */
    int read(ByteBuffer dst) throws IOException {
        if (closed) {
            throw new ClosedChannelException();
        }
        if (!dst.hasRemaining()) {
            return 0;
        }
        while (!appIn.hasRemaining()) {
            boolean straight = dst.remaining() >= appBufferSize;
            ByteBuffer target = straight ? dst : appIn.clear();
            int before = target.position();
            SSLEngineResult result = unwrap(target);
            if (!straight) {
                appIn.flip();
            }
            switch (result.getStatus()) {
                case OK -> {
                    afterUnwrap(result.getHandshakeStatus());
                    if (straight && target.position() > before) {
                        return target.position() - before + unwrapMore(dst);
                    }
                }
                case BUFFER_UNDERFLOW -> fill();
                case BUFFER_OVERFLOW -> throw new SSLException("TLS record larger than "
                        + target.remaining() + " bytes of room (application buffer size " + appBufferSize + ")");
                case CLOSED -> {
                    return -1;
                }
            }
        }
        int n = Math.min(dst.remaining(), appIn.remaining());
        ByteBuffer part = appIn.duplicate();
        part.limit(part.position() + n);
        dst.put(part);
        appIn.position(appIn.position() + n);
        return n;
    }

    /** Opens the records already received that fit in {@code dst}, without waiting for more. */
    private int unwrapMore(ByteBuffer dst) throws IOException {
        int total = 0;
        while (dst.remaining() >= appBufferSize && netIn.hasRemaining()) {
            int before = dst.position();
            SSLEngineResult result = unwrap(dst);
            if (result.getStatus() != SSLEngineResult.Status.OK) {
                break;
            }
            afterUnwrap(result.getHandshakeStatus());
            total += dst.position() - before;
        }
        return total;
    }

    /** After the handshake the peer may still send handshake messages (a key update) that need an answer. */
    private void afterUnwrap(HandshakeStatus status) throws IOException {
        HandshakeStatus next = status;
        while (next == HandshakeStatus.NEED_TASK || next == HandshakeStatus.NEED_WRAP) {
            next = next == HandshakeStatus.NEED_TASK ? runTasks() : sendHandshake();
        }
    }

    private void fill() throws IOException {
        if (receive(false) < 0) {
            throw new EOFException("TLS connection closed by the peer without close_notify");
        }
    }

    /** Seals and sends all of {@code src}, blocking as a blocking channel does. */
    int write(ByteBuffer src) throws IOException {
        int total = src.remaining();
        writeLock.lock();
        try {
            while (src.hasRemaining()) {
                if (closed) {
                    throw new ClosedChannelException();
                }
                netOut.clear();
                sealInto(src);
                netOut.flip();
                net.writeFully(netOut);
            }
            return total;
        } finally {
            writeLock.unlock();
        }
    }

    private void sealInto(ByteBuffer src) throws IOException {
        while (src.hasRemaining() && netOut.remaining() >= packetSize) {
            SSLEngineResult result = engine.wrap(src, netOut);
            if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
                throw new SSLException("TLS connection already closed for writing");
            }
            if (result.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                runTasks();
            }
            if (result.bytesConsumed() == 0 && result.bytesProduced() == 0) {
                // TLS 1.3 has no renegotiation, so this is a broken state, not one to wait out.
                throw new SSLException("TLS engine sealed nothing (" + result.getStatus() + ", "
                        + result.getHandshakeStatus() + ")");
            }
        }
    }

    /** Sends close_notify (the peer reads end of stream) and keeps the reading side open. */
    void shutdownOutput() throws IOException {
        writeLock.lock();
        try {
            sendCloseNotify();
        } finally {
            writeLock.unlock();
        }
    }

    /** Seals and sends close_notify; the caller holds the write lock. */
    private void sendCloseNotify() throws IOException {
        engine.closeOutbound();
        netOut.clear();
        engine.wrap(NOTHING, netOut);
        netOut.flip();
        net.writeFully(netOut);
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
     * Sends close_notify if no write is in progress (one blocked on a peer that stopped reading
     * would hold it up), then closes the socket. The close_notify itself can block when the
     * peer has stopped reading and the send buffer is full, so a watchdog closes the TCP socket
     * first; the close_notify then fails at once.
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (writeLock.tryLock()) {
                try {
                    sendCloseNotify();
                } catch (IOException e) {
                    // The peer may be gone already; the socket closes below either way.
                } finally {
                    writeLock.unlock();
                }
            }
        } finally {
            socket.close();
        }
    }
}
