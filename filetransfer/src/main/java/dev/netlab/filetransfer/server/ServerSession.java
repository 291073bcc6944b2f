package dev.netlab.filetransfer.server;

import dev.netlab.common.frame.FrameException;
import dev.netlab.common.frame.ProtocolViolationException;
import dev.netlab.filetransfer.engine.FileReceiver;
import dev.netlab.filetransfer.engine.ReceiverEvents;
import dev.netlab.filetransfer.protocol.ErrorCode;
import dev.netlab.filetransfer.protocol.Handshake;
import dev.netlab.filetransfer.protocol.Message;
import dev.netlab.filetransfer.protocol.PeerConnection;
import dev.netlab.filetransfer.protocol.PeerRefusedException;
import dev.netlab.filetransfer.store.ReceiveStore;
import dev.netlab.filetransfer.stripe.StripedParts;
import dev.netlab.filetransfer.transport.ConnectionWatchdog;
import dev.netlab.filetransfer.transport.PeerChannels;
import dev.netlab.filetransfer.transport.PeerProof;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One accepted connection, on its own thread: the handshake, under its {@link Admission.Permit}'s
 * deadline, then requests until the client closes (recv/send), then close of the accepted socket.
 * Anything malformed ends this connection only, with the reason logged; other sessions never
 * notice. A peer that never authenticated is not logged one by one but counted in the admission
 * summary, so a flood cannot flood the log too.
 */
final class ServerSession implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ServerSession.class);

    private final SocketChannel socket;
    private final ServerConfig config;
    private final ReceiveStore store;
    private final StripedParts stripes;
    private final ConnectionWatchdog watchdog;
    private final Consumer<ServerSession> onEnd;
    private final PeerConnection connection;
    /** Set when the transport proves peers itself (a {@code --lan} server's pairing). */
    private final PeerProof proof;
    private final Admission.Permit permit;

    ServerSession(SocketChannel socket, Admission.Permit permit, ServerConfig config, ReceiveStore store,
                  StripedParts stripes, ConnectionWatchdog watchdog, Consumer<ServerSession> onEnd) throws IOException {
        this.socket = socket;
        this.permit = permit;
        this.config = config;
        this.store = store;
        this.stripes = stripes;
        this.watchdog = watchdog;
        this.onEnd = onEnd;
        String peer = String.valueOf(socket.getRemoteAddress());
        PeerChannels channels = config.transport().serverSide(socket);
        this.proof = channels.in() instanceof PeerProof p ? p : null;
        this.connection = new PeerConnection(channels, peer, config.readTimeout());
    }

    @Override
    public void run() {
        String peer = connection.peer();
        connection.activity().deadline(permit.untilDeadline());
        watchdog.watch(connection.activity(), this::abort);
        ReceiverEvents events = aliveWhileHashing();
        FileReceiver receiver = new FileReceiver(store, connection.writer(),
                new FileReceiver.Limits(config.maxFileSize(), config.maxFilesPerSession()), events,
                stripes.assembler(connection.writer(), events));
        try {
            if (Handshake.asServer(connection, tokenFor(), this::authenticate)) {
                connection.activity().clearDeadline();
                LOG.debug("session with {} started", peer);
                serve(receiver);
            } else {
                permit.dropped(Admission.Drop.FAILED_HANDSHAKE);
            }
        } catch (PeerRefusedException e) {
            if (!permit.authenticated()) {
                if (e.code() != ErrorCode.BUSY) { // BUSY was counted when no slot freed
                    permit.dropped(Admission.Drop.FAILED_HANDSHAKE);
                }
                LOG.debug("refused {}: {}", peer, e.getMessage());
            } else {
                LOG.warn("refused {}: {}", peer, e.getMessage());
            }
        } catch (FrameException e) {
            if (permit.authenticated()) {
                LOG.warn("closed connection from {}: {}", peer, e.getMessage());
            } else {
                permit.dropped(Admission.Drop.FAILED_HANDSHAKE);
                LOG.debug("closed connection from {} in its handshake: {}", peer, e.getMessage());
            }
            tellPeer(e);
        } catch (IOException | RuntimeException e) {
            ended(peer, e);
        } finally {
            receiver.close();
            watchdog.forget(connection.activity());
            close();
            permit.close();
            onEnd.accept(this);
        }
    }

    /**
     * The token this peer must prove: none once the transport proved it (paired), else the
     * server's; a peer of a proving transport with neither is refused.
     */
    private byte[] tokenFor() throws IOException {
        if (proof == null) {
            return config.token();
        }
        if (proof.prove()) {
            return null;
        }
        if (config.token() == null) {
            connection.reader().next(); // its HELLO, read so that closing does not reset the connection
            throw Handshake.refuse(connection, ErrorCode.AUTH_REQUIRED,
                    "this server accepts only paired clients: give its pairing code with --code");
        }
        return config.token();
    }

    private void ended(String peer, Exception e) {
        boolean timedOut = connection.activity().timedOut();
        if (!permit.authenticated()) {
            permit.dropped(timedOut ? Admission.Drop.HANDSHAKE_DEADLINE : Admission.Drop.FAILED_HANDSHAKE);
            LOG.debug("dropped {} in its handshake: {}", peer, timedOut ? "deadline passed" : e.toString());
        } else if (timedOut) {
            LOG.warn("dropped {}: no data for {} ms", peer, connection.activity().allowed().toMillis());
        } else {
            LOG.info("connection from {} ended: {}", peer, e.toString());
        }
    }

    /** The peer proved itself: it may have a session slot if one is free by its handshake deadline. */
    private boolean authenticate() throws IOException {
        try {
            return permit.authenticate();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a session slot");
        }
    }

    /** Hashing a large file can take longer than the read timeout; it counts as activity. */
    private ReceiverEvents aliveWhileHashing() {
        return new ReceiverEvents() {
            @Override
            public boolean wantsOutcomes() {
                return false;
            }

            @Override
            public void stillWorking() {
                connection.activity().touch();
            }
        };
    }

    private void serve(FileReceiver receiver) throws IOException {
        DownloadService downloads = new DownloadService(connection, store);
        while (true) {
            connection.activity().allow(receiver.idle() ? config.idleTimeout() : config.readTimeout());
            Message message = connection.reader().next();
            if (message == null) {
                return;
            }
            if (message instanceof Message.Chunk chunk) {
                receiver.onChunk(chunk);
            } else if (message instanceof Message.Offer offer) {
                receiver.onOffer(offer);
            } else if (message instanceof Message.End end) {
                receiver.onEnd(end);
            } else if (message instanceof Message.ListRequest list) {
                downloads.list(list);
            } else if (message instanceof Message.GetRequest get) {
                connection.activity().allow(config.readTimeout());
                downloads.get(get);
            } else {
                throw new ProtocolViolationException("unexpected " + message.getClass().getSimpleName() + " in a session");
            }
        }
    }

    /** Best effort: the peer may already be gone, and the log line is what matters. */
    private void tellPeer(FrameException e) {
        try {
            Handshake.refuse(connection, ErrorCode.PROTOCOL_VIOLATION, e.getMessage());
        } catch (IOException ignored) {
            LOG.debug("could not tell {} why it was closed", connection.peer());
        }
    }

    /**
     * The watchdog's close of a stalled connection: the TCP socket first, so nothing after it
     * can block (a TLS close_notify written into the send buffer of a peer that stopped reading
     * would hang the one watchdog thread every connection relies on), then the rest.
     */
    private void abort() {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("closing the socket of {} failed", connection.peer(), e);
        }
        close();
    }

    /** close() of the accepted socket; safe to call from any thread, more than once. */
    void close() {
        try {
            connection.close();
            socket.close();
        } catch (IOException e) {
            LOG.debug("closing connection from {} failed", connection.peer(), e);
        }
    }
}
