package dev.netlab.filetransfer.tls;

import dev.netlab.filetransfer.transport.PeerChannels;
import dev.netlab.filetransfer.transport.Transport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.SocketChannel;

/**
 * {@code --tls} as a {@link Transport}: every connection runs over TLS 1.3, the server
 * presenting its {@link TlsIdentity} through a {@link TlsAcceptor}, the client checking it
 * through a {@link TlsConnector}. Build one with {@link #server} or {@link #client}.
 *
 * <p>The server's handshake is deferred to the first read or write of the connection, which
 * happens on the connection's own thread: {@link #serverSide} is called from the accept loop and
 * must not block there on a slow or silent client. The channels are a {@link TlsConnection}'s
 * (JSSE's SSLSocket over the connection's socket). Closing them sends close_notify only when no
 * write is in progress, so a close from a watchdog thread never waits behind a blocked write; the
 * protocol ends its sessions with its own messages, so nothing relies on close_notify.
 */
public final class TlsTransport implements Transport {

    private final TlsAcceptor acceptor;
    private final TlsConnector connector;

    private TlsTransport(TlsAcceptor acceptor, TlsConnector connector) {
        this.acceptor = acceptor;
        this.connector = connector;
    }

    public static TlsTransport server(TlsAcceptor acceptor) {
        return new TlsTransport(acceptor, null);
    }

    public static TlsTransport client(TlsConnector connector) {
        return new TlsTransport(null, connector);
    }

    @Override
    public PeerChannels serverSide(SocketChannel accepted) {
        if (acceptor == null) {
            throw new IllegalStateException("this TLS transport was made for a client");
        }
        PendingHandshake pending = new PendingHandshake(acceptor, accepted);
        DeferredChannel channel = new DeferredChannel(pending);
        return new PeerChannels(channel, channel, pending.closer);
    }

    @Override
    public PeerChannels clientSide(SocketChannel connected, String host, int port) throws IOException {
        if (connector == null) {
            throw new IllegalStateException("this TLS transport was made for a server");
        }
        TlsConnection connection = connector.connect(connected.socket(), host, port);
        TlsConnectionCloser closer = new TlsConnectionCloser(connected);
        closer.attach(connection);
        ByteChannel channel = connection.channel();
        return new PeerChannels(channel, channel, closer);
    }

    @Override
    public String name() {
        return "tls";
    }

    /** The server handshake, run once by whichever of the connection's channels is used first. */
    private static final class PendingHandshake {
        private final TlsAcceptor acceptor;
        private final SocketChannel accepted;
        private final TlsConnectionCloser closer;
        private TlsConnection connection;
        private IOException failure;

        PendingHandshake(TlsAcceptor acceptor, SocketChannel accepted) {
            this.acceptor = acceptor;
            this.accepted = accepted;
            this.closer = new TlsConnectionCloser(accepted);
        }

        synchronized TlsConnection connection() throws IOException {
            if (connection == null && failure == null) {
                try {
                    connection = acceptor.accept(accepted.socket());
                    closer.attach(connection);
                } catch (IOException e) {
                    failure = e;
                }
            }
            if (failure != null) {
                throw failure;
            }
            return connection;
        }
    }

    /**
     * The connection's one channel for reading and writing, which runs the handshake on first
     * use. A reader and a writer arriving first together both wait for the same handshake
     * ({@link PendingHandshake#connection()} is synchronized) and get equivalent, stateless views.
     */
    private static final class DeferredChannel implements ByteChannel {
        private final PendingHandshake pending;
        private volatile ByteChannel handshaken;

        DeferredChannel(PendingHandshake pending) {
            this.pending = pending;
        }

        private ByteChannel channel() throws IOException {
            ByteChannel channel = handshaken;
            if (channel == null) {
                channel = pending.connection().channel();
                handshaken = channel;
            }
            return channel;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return channel().read(dst);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            return channel().write(src);
        }

        @Override
        public boolean isOpen() {
            return pending.accepted.isOpen();
        }

        @Override
        public void close() throws IOException {
            pending.closer.close();
        }
    }
}
