package dev.netlab.filetransfer.tls;

import java.io.Closeable;
import java.io.IOException;

/**
 * Closes one TLS connection without ever hanging, whether or not its handshake has finished:
 * before, a close is a plain TCP close; after, {@link TlsConnection#close()}, which sends
 * close_notify only when no write is in progress (so the peer reads a clean end of stream) and
 * then closes the socket, waking any thread blocked on it. Thread-safe.
 */
final class TlsConnectionCloser implements Closeable {

    private final Closeable tcp;
    private volatile TlsConnection connection;

    TlsConnectionCloser(Closeable tcp) {
        this.tcp = tcp;
    }

    /** Called once the handshake is done. */
    void attach(TlsConnection handshaken) {
        this.connection = handshaken;
    }

    @Override
    public void close() throws IOException {
        try {
            TlsConnection attached = connection;
            if (attached != null) {
                attached.close();
            }
        } finally {
            tcp.close();
        }
    }
}
