package dev.netlab.filetransfer.tls;

import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.Semaphore;
import javax.net.ssl.SSLSocket;

/**
 * Closes one TLS connection without ever hanging. When no write is in progress it closes the SSL
 * socket first, which sends close_notify, so the peer reads a clean end of stream (JSSE on Java 17
 * turns a bare TCP close under a layered SSL socket into an exception, not an end of stream).
 * When a write is in progress, possibly blocked on a peer that stopped reading (the case a
 * watchdog closes for), it skips close_notify, whose write would block as well. Either way it then
 * closes the TCP socket, which wakes any thread still blocked on it. Thread-safe.
 */
final class TlsConnectionCloser implements Closeable {

    /** Held by the connection's writer for the length of each write. */
    private final Semaphore writing = new Semaphore(1);
    private final Closeable tcp;
    private volatile SSLSocket ssl;

    TlsConnectionCloser(Closeable tcp) {
        this.tcp = tcp;
    }

    /** Called once the handshake is done; before that a close is a plain TCP close. */
    void attach(SSLSocket handshaken) {
        this.ssl = handshaken;
    }

    void beginWrite() {
        writing.acquireUninterruptibly();
    }

    void endWrite() {
        writing.release();
    }

    @Override
    public void close() throws IOException {
        try {
            SSLSocket socket = ssl;
            if (socket != null && writing.tryAcquire()) {
                try {
                    socket.close();
                } finally {
                    writing.release();
                }
            }
        } finally {
            tcp.close();
        }
    }
}
