package dev.netlab.filetransfer.tls;

import java.io.IOException;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The client's trust manager: instead of certificate authorities it asks the
 * {@link ServerIdentityPolicy} about the fingerprint of the server's certificate, for the
 * {@code host:port} the socket was opened to. A refusal fails the handshake before any application
 * byte is sent; the {@link ServerIdentityRefusedException} travels as the cause of the
 * {@link CertificateException} so {@link TlsConnector} can rethrow it. JSSE still verifies that
 * the server holds the certificate's private key (TLS 1.3 CertificateVerify). Thread-safe.
 */
final class FingerprintTrustManager extends X509ExtendedTrustManager {

    private final ServerIdentityPolicy policy;

    FingerprintTrustManager(ServerIdentityPolicy policy) {
        this.policy = policy;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        if (!(socket instanceof SSLSocket ssl)) {
            throw new CertificateException("netlab checks server identities on SSL sockets only");
        }
        check(chain, ssl.getHandshakeSession());
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain, engine.getHandshakeSession());
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("netlab needs the server's host and port to check its identity");
    }

    private void check(X509Certificate[] chain, SSLSession handshake) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("server presented no certificate");
        }
        String key = KnownServers.key(handshake.getPeerHost(), handshake.getPeerPort());
        try {
            policy.check(key, Fingerprint.of(chain[0]));
        } catch (IOException e) {
            throw new CertificateException(e.getMessage(), e);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("netlab clients do not authenticate servers' clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("netlab clients do not authenticate servers' clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("netlab clients do not authenticate servers' clients");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
