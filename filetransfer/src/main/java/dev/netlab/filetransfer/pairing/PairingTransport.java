package dev.netlab.filetransfer.pairing;

import dev.netlab.filetransfer.tls.Fingerprint;
import dev.netlab.filetransfer.tls.KnownServers;
import dev.netlab.filetransfer.tls.TlsAcceptor;
import dev.netlab.filetransfer.tls.TlsConnector;
import dev.netlab.filetransfer.tls.TlsTransport;
import dev.netlab.filetransfer.transport.PeerChannels;
import dev.netlab.filetransfer.transport.Transport;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * TLS 1.3 with LAN pairing as a {@link Transport}. The server side puts a {@link PairingGate} in
 * front of every connection: a pairing client must prove the code, any other client is left to
 * the protocol's token check. The client side opens TLS accepting whatever certificate is
 * presented, pairs bound to that certificate's fingerprint, and only then records the server in
 * the known-servers file and hands the connection to the protocol. Every connection pairs (the
 * parallel connections of {@code --streams N} too), so a pairing is never reused by anyone else.
 */
public final class PairingTransport implements Transport {

    /** The most a server may take over its part of a pairing before the client gives up on it. */
    static final Duration CLIENT_PAIRING_TIMEOUT = Duration.ofSeconds(20);

    private final TlsTransport serverTls;
    private final TlsAcceptor acceptor;
    private final PairingCodeKeeper keeper;
    private final PairingCode code;
    private final KnownServers knownServers;
    private final Consumer<String> notices;

    private PairingTransport(TlsAcceptor acceptor, PairingCodeKeeper keeper, PairingCode code,
                             KnownServers knownServers, Consumer<String> notices) {
        this.serverTls = acceptor == null ? null : TlsTransport.server(acceptor);
        this.acceptor = acceptor;
        this.keeper = keeper;
        this.code = code;
        this.knownServers = knownServers;
        this.notices = notices;
    }

    public static PairingTransport server(TlsAcceptor acceptor, PairingCodeKeeper keeper) {
        return new PairingTransport(acceptor, keeper, null, null, null);
    }

    /**
     * @param notices receives the one line that says a paired server was recorded in
     *     {@code knownServers}; the command prints it on stderr
     */
    public static PairingTransport client(PairingCode code, KnownServers knownServers, Consumer<String> notices) {
        return new PairingTransport(null, null, code, knownServers, notices);
    }

    @Override
    public PeerChannels serverSide(SocketChannel accepted) throws IOException {
        if (serverTls == null) {
            throw new IllegalStateException("this pairing transport was made for a client");
        }
        PeerChannels tls = serverTls.serverSide(accepted);
        String peer = String.valueOf(accepted.getRemoteAddress());
        PairingGate gate = new PairingGate(tls, keeper, acceptor.identity().fingerprint(), peer);
        return new PeerChannels(gate, tls.out(), tls.closer());
    }

    @Override
    public PeerChannels clientSide(SocketChannel connected, String host, int port) throws IOException {
        if (code == null) {
            throw new IllegalStateException("this pairing transport was made for a server");
        }
        AtomicReference<Fingerprint> seen = new AtomicReference<>();
        PeerChannels tls = TlsTransport.client(TlsConnector.forPairing(seen::set)).clientSide(connected, host, port);
        AtomicBoolean done = new AtomicBoolean();
        CompletableFuture.delayedExecutor(CLIENT_PAIRING_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            if (done.compareAndSet(false, true)) {
                closeQuietly(connected);
            }
        });
        try {
            PairingExchange.asClient(tls.in(), tls.out(), code, seen.get());
        } catch (IOException | RuntimeException e) {
            tls.close();
            if (!done.compareAndSet(false, true)) {
                throw new IOException("pairing with " + KnownServers.key(host, port) + " took longer than "
                        + CLIENT_PAIRING_TIMEOUT.toSeconds() + " s", e);
            }
            throw e;
        }
        if (!done.compareAndSet(false, true)) {
            throw new IOException("pairing with " + KnownServers.key(host, port) + " took longer than "
                    + CLIENT_PAIRING_TIMEOUT.toSeconds() + " s");
        }
        remember(KnownServers.key(host, port), seen.get());
        return tls;
    }

    private void remember(String key, Fingerprint proven) throws IOException {
        KnownServers.Recorded recorded = knownServers.recordIfAbsent(key, proven);
        if (recorded.added()) {
            notices.accept("pairing: paired with " + key + "; its TLS identity " + proven + " is recorded in "
                    + knownServers.file() + " line " + recorded.entry().lineNumber());
        } else if (!recorded.entry().fingerprint().equals(proven)) {
            notices.accept("pairing: paired with " + key + " as " + proven + ", but " + knownServers.file() + " line "
                    + recorded.entry().lineNumber() + " records " + recorded.entry().fingerprint()
                    + " for it; that line is left as it is");
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // Closing is the timeout's whole job; the pairing thread reports the failure.
        }
    }

    @Override
    public String name() {
        return "tls+pairing";
    }
}
