package dev.netlab.filetransfer.tls;

import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

/**
 * The client side of {@code --tls}: turns a connected socket into a TLS 1.3
 * {@link TlsConnection} whose server identity has been checked, by pin or trust on first use (see {@link ServerIdentityPolicy}).
 * Failures come out as one of three clear exceptions: {@link ServerIdentityRefusedException}
 * (exit 4), {@link TlsMismatchException} when the server does not speak TLS (exit 3), or an
 * {@link IOException} naming the server for any other handshake failure.
 *
 * <p>Make one per command and use it for all its connections: they share the TLS session cache,
 * so the parallel connections of {@code --streams N} resume the first one's session. Thread-safe.
 */
public final class TlsConnector {

    private final SSLContext context;
    private final SSLParameters parameters;
    private final ServerIdentityPolicy policy;
    private final Consumer<String> notices;
    private final Duration handshakeTimeout;

    private TlsConnector(SSLContext context, SSLParameters parameters, ServerIdentityPolicy policy,
                         Consumer<String> notices, Duration handshakeTimeout) {
        this.context = context;
        this.parameters = parameters;
        this.policy = policy;
        this.notices = notices;
        this.handshakeTimeout = handshakeTimeout;
    }

    /**
     * @param knownServers the known-servers file (see {@link KnownServers#defaultFile()})
     * @param pin the fingerprint from {@code --tls-pin}, or null to trust on first use
     * @param notices receives the one-line notice when a server is trusted for the first time;
     *     the command prints it on stderr
     */
    public static TlsConnector create(KnownServers knownServers, Fingerprint pin, Consumer<String> notices) {
        return create(knownServers, pin, notices, TlsSettings.HANDSHAKE_TIMEOUT);
    }

    /** With another handshake timeout than {@link TlsSettings#HANDSHAKE_TIMEOUT}, for tests. */
    static TlsConnector create(KnownServers knownServers, Fingerprint pin, Consumer<String> notices,
                               Duration handshakeTimeout) {
        return create(new ServerIdentityPolicy(knownServers, pin), notices, handshakeTimeout);
    }

    /**
     * For LAN pairing: accepts whatever identity the server presents and hands its fingerprint to
     * {@code presented} during the handshake. The caller must then prove the server another way
     * (the pairing, bound to that fingerprint) before trusting a byte from it. Make one per
     * connection, so each connection reports its own server.
     */
    public static TlsConnector forPairing(Consumer<Fingerprint> presented) {
        return create(ServerIdentityPolicy.observing(presented), notice -> { }, TlsSettings.HANDSHAKE_TIMEOUT);
    }

    private static TlsConnector create(ServerIdentityPolicy policy, Consumer<String> notices, Duration handshakeTimeout) {
        TlsSettings.requireCloseNotify();
        try {
            SSLContext context = SSLContext.getInstance(TlsSettings.PROTOCOL);
            context.init(null, new TrustManager[] {new FingerprintTrustManager(policy)}, null);
            SSLParameters parameters = context.getDefaultSSLParameters();
            parameters.setProtocols(new String[] {TlsSettings.PROTOCOL});
            parameters.setCipherSuites(TlsAcceptor.supportedSuites(parameters, TlsSettings.CIPHER_SUITES));
            return new TlsConnector(context, parameters, policy, notices, handshakeTimeout);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot make a " + TlsSettings.PROTOCOL
                    + " client context: " + e.getMessage(), e);
        }
    }

    /**
     * Performs the TLS handshake over {@code connected} (already connected to {@code host:port})
     * and checks the server's identity. On success the socket's read timeout is what it was
     * before; on failure {@code connected} is closed.
     *
     * @param host the host as the user gave it: it is the known-servers key, with {@code port}
     */
    public TlsConnection connect(Socket connected, String host, int port) throws IOException {
        String key = KnownServers.key(host, port);
        try {
            // Host and port name the session in the shared cache, so --streams connections resume it.
            // Not autoClose: on a refusal the TCP socket must outlive JSSE's alert (see below).
            SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(connected, host, port, false);
            ssl.setUseClientMode(true);
            ssl.setSSLParameters(parameters);
            TlsConnection connection = TlsConnection.handshake(ssl, connected, handshakeTimeout);
            Fingerprint presented = Fingerprint.of(serverCertificate(connection));
            // Checked again: a resumed session skips the trust manager.
            if (policy.check(key, presented) == ServerIdentityPolicy.Verdict.FIRST_CONTACT) {
                Optional<String> notice = policy.remember(key, presented);
                notice.ifPresent(notices);
            }
            return connection;
        } catch (IOException e) {
            if (findRefusal(e) != null) {
                // JSSE sent certificate_unknown as soon as it saw the certificate, while the server
                // may still be sending the rest of its flight: read that before closing, so the
                // server's writes do not fail on a reset before it reads why it was refused.
                lingerQuietly(connected, e);
            }
            closeAfterFailure(connected, e);
            throw translate(e, key, handshakeTimeout);
        }
    }

    private static X509Certificate serverCertificate(TlsConnection connection) throws IOException {
        Certificate[] chain = connection.getSession().getPeerCertificates();
        return (X509Certificate) chain[0];
    }

    private static IOException translate(IOException e, String key, Duration handshakeTimeout) {
        ServerIdentityRefusedException refusal = findRefusal(e);
        if (refusal != null) {
            return refusal;
        }
        if (e instanceof SocketTimeoutException) {
            return TlsMismatchException.tlsHandshakeTimedOut(key, handshakeTimeout, e);
        }
        if (e instanceof SSLException && String.valueOf(e.getMessage()).startsWith("Received fatal alert")) {
            // A TLS server that disagrees with us (e.g. no TLS 1.3): it does speak TLS.
            return new IOException("TLS handshake with " + key + " failed: " + e.getMessage(), e);
        }
        if (e instanceof SSLException || e instanceof EOFException || e instanceof SocketException) {
            return TlsMismatchException.tlsClientOnPlainServer(key, e);
        }
        return e;
    }

    private static ServerIdentityRefusedException findRefusal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ServerIdentityRefusedException refusal) {
                return refusal;
            }
        }
        return null;
    }

    private static void lingerQuietly(Socket socket, IOException failure) {
        try {
            TlsAcceptor.lingerForPeerToClose(socket);
        } catch (IOException e) {
            failure.addSuppressed(e);
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
