package dev.netlab.filetransfer.tls;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * The server side of {@code --tls}: turns each accepted socket into a TLS 1.3
 * {@link TlsConnection} presenting the server's {@link TlsIdentity}. It first peeks at the client's first byte, so a plaintext
 * netlab client (whose frames start with 'N') is told at once, with a TLS alert its
 * {@link PlaintextGuard} recognises, instead of waiting on a handshake that never comes.
 *
 * <p>Call {@link #accept} on the connection's own thread, not the accept loop: it blocks for up
 * to {@link TlsSettings#HANDSHAKE_TIMEOUT}. Thread-safe.
 */
public final class TlsAcceptor {

    /** How long a refused plaintext client gets to read the alert before the socket closes. */
    static final int REFUSAL_LINGER_MILLIS = 2_000;
    /** The most a refused plaintext client's bytes are drained, so it sees a FIN, not a reset. */
    static final int REFUSAL_DRAIN_LIMIT = 64 * 1024;

    /** What JSSE clients send when their trust manager, here {@link FingerprintTrustManager}, says no. */
    private static final String CLIENT_REFUSED_IDENTITY_ALERT = "certificate_unknown";

    private final TlsIdentity identity;
    private final SSLContext context;
    private final SSLParameters parameters;
    private final Duration handshakeTimeout;

    private TlsAcceptor(TlsIdentity identity, SSLContext context, SSLParameters parameters,
                        Duration handshakeTimeout) {
        this.identity = identity;
        this.context = context;
        this.parameters = parameters;
        this.handshakeTimeout = handshakeTimeout;
    }

    public static TlsAcceptor create(TlsIdentity identity) {
        return create(identity, TlsSettings.HANDSHAKE_TIMEOUT);
    }

    /** With another handshake timeout than {@link TlsSettings#HANDSHAKE_TIMEOUT}, for tests. */
    static TlsAcceptor create(TlsIdentity identity, Duration handshakeTimeout) {
        return create(identity, handshakeTimeout, TlsSettings.CIPHER_SUITES);
    }

    /** With a cipher-suite preference other than {@link TlsSettings#CIPHER_SUITES}, for benchmarks. */
    static TlsAcceptor create(TlsIdentity identity, Duration handshakeTimeout, List<String> cipherSuites) {
        // So the first client of a fresh server does not meet an unwarmed cipher either.
        CipherWarmup.startOnce(true);
        TlsSettings.requireCloseNotify();
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(TlsIdentity.ALIAS, identity.privateKey(),
                    TlsIdentity.SELF_CREATED_PASSWORD, identity.chain());
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(
                    KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(store, TlsIdentity.SELF_CREATED_PASSWORD);
            SSLContext context = SSLContext.getInstance(TlsSettings.PROTOCOL);
            context.init(keyManagers.getKeyManagers(), null, null);
            SSLParameters parameters = context.getDefaultSSLParameters();
            parameters.setProtocols(new String[] {TlsSettings.PROTOCOL});
            parameters.setCipherSuites(supportedSuites(parameters, cipherSuites));
            parameters.setUseCipherSuitesOrder(true);
            parameters.setNeedClientAuth(false);
            return new TlsAcceptor(identity, context, parameters, handshakeTimeout);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot make a " + TlsSettings.PROTOCOL
                    + " server context for " + identity + ": " + e.getMessage(), e);
        }
    }

    /** {@code wanted} in order, minus any this JVM lacks. */
    static String[] supportedSuites(SSLParameters defaults, List<String> wanted) {
        List<String> available = Arrays.asList(defaults.getCipherSuites());
        return wanted.stream().filter(available::contains).toArray(String[]::new);
    }

    /** The cipher suites this server offers, most preferred first. */
    public String[] negotiableSuites() {
        return parameters.getCipherSuites();
    }

    public TlsIdentity identity() {
        return identity;
    }

    /** For the serve command's start-up output, e.g. {@code tls: TLS 1.3, server identity SHA256:...}. */
    public String startupLine() {
        return "tls: TLS 1.3, server identity " + identity.fingerprint() + " (" + identity.source() + ")";
    }

    /**
     * Checks that the client speaks TLS, then performs the handshake. On success the socket's
     * read timeout is what it was before; on any failure {@code accepted} is closed.
     *
     * @throws TlsMismatchException when the client's first byte cannot start a ClientHello, or it
     *     sent nothing for the handshake timeout (a plaintext client waiting for the server to
     *     speak first); either way the client was sent a TLS alert
     * @throws IOException naming the client when it left or failed the handshake
     */
    public TlsConnection accept(Socket accepted) throws IOException {
        String peer = String.valueOf(accepted.getRemoteSocketAddress());
        try {
            int readTimeout = accepted.getSoTimeout();
            accepted.setSoTimeout((int) handshakeTimeout.toMillis());
            int first = readFirstByte(accepted, peer);
            if (!TlsRecordFormat.startsClientHello(first)) {
                refuse(accepted);
                throw TlsMismatchException.plainClientOnTlsPort(peer, first);
            }
            // Server mode, layered over the socket, with the peeked byte handed back to JSSE.
            // Not autoClose: this class and TlsConnection close the TCP socket themselves.
            SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(
                    accepted, new ByteArrayInputStream(new byte[] {(byte) first}), false);
            ssl.setSSLParameters(parameters);
            TlsConnection connection = handshake(ssl, accepted, peer);
            accepted.setSoTimeout(readTimeout);
            return connection;
        } catch (IOException e) {
            closeAfterFailure(accepted, e);
            throw e;
        }
    }

    private int readFirstByte(Socket accepted, String peer) throws IOException {
        int first;
        try {
            first = accepted.getInputStream().read();
        } catch (SocketTimeoutException e) {
            refuse(accepted);
            throw TlsMismatchException.silentClientOnTlsPort(peer, handshakeTimeout, e);
        }
        if (first < 0) {
            throw new EOFException("client " + peer + " closed the connection before the TLS handshake");
        }
        return first;
    }

    private TlsConnection handshake(SSLSocket ssl, Socket accepted, String peer) throws IOException {
        try {
            return TlsConnection.handshake(ssl, accepted, handshakeTimeout);
        } catch (IOException e) {
            if (String.valueOf(e.getMessage()).endsWith(CLIENT_REFUSED_IDENTITY_ALERT)) {
                throw new IOException("client " + peer + " refused this server's TLS identity (alert "
                        + CLIENT_REFUSED_IDENTITY_ALERT + "): it knows this address by another fingerprint"
                        + " or was given another --tls-pin", e);
            }
            throw new IOException("TLS handshake with client " + peer + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Sends a fatal alert, then reads what the client still sends until it closes, so it reads
     * the alert instead of a connection reset (closing with unread bytes makes TCP send RST).
     */
    private static void refuse(Socket plain) throws IOException {
        OutputStream out = plain.getOutputStream();
        out.write(TlsRecordFormat.fatalUnexpectedMessageAlert());
        out.flush();
        lingerForPeerToClose(plain);
    }

    /**
     * After this side sent its last bytes (an alert): ends the output and reads what the peer
     * still sends until it closes, for at most {@link #REFUSAL_LINGER_MILLIS} and
     * {@link #REFUSAL_DRAIN_LIMIT} bytes. Closing with unread bytes would make TCP send a reset,
     * which can overtake the alert, or fail the peer's own writes before it reads the alert.
     */
    static void lingerForPeerToClose(Socket plain) throws IOException {
        plain.shutdownOutput();
        long deadline = System.nanoTime() + REFUSAL_LINGER_MILLIS * 1_000_000L;
        byte[] sink = new byte[4096];
        int drained = 0;
        try {
            while (drained < REFUSAL_DRAIN_LIMIT) {
                long remainingMillis = (deadline - System.nanoTime()) / 1_000_000L;
                if (remainingMillis <= 0) {
                    return;
                }
                plain.setSoTimeout((int) remainingMillis);
                int n = plain.getInputStream().read(sink);
                if (n < 0) {
                    return;
                }
                drained += n;
            }
        } catch (SocketTimeoutException e) {
            // The peer kept the connection open: it has had its chance to read the alert.
        }
    }

    private static void closeAfterFailure(Socket socket, IOException failure) {
        try {
            socket.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
