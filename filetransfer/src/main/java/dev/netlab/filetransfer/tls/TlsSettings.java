package dev.netlab.filetransfer.tls;

import java.time.Duration;
import java.util.List;

/**
 * The TLS choices both ends share: TLS 1.3 only, the cipher-suite preference, and how long a
 * handshake may take. One place, so server and client cannot drift apart.
 */
public final class TlsSettings {

    /** TLS 1.3 only: no downgrade, a one round-trip handshake, forward secrecy always. */
    public static final String PROTOCOL = "TLSv1.3";

    /**
     * Cipher-suite preference, applied by the server. AES-128-GCM first: with the JVM's AES and
     * GHASH intrinsics (AES-NI, PCLMULQDQ) it was the fastest suite in {@code TlsThroughputBench}
     * (median 457 MiB/s against 410 MiB/s for AES-256-GCM, 1 GiB over loopback on a busy 2-core
     * EPYC); ChaCha20-Poly1305 has no intrinsic in Java 17 and managed 25 to 58 MiB/s, so it is
     * last, only for peers without AES. Without the intrinsics AES-GCM fell to 15 MiB/s.
     */
    public static final List<String> CIPHER_SUITES = List.of(
            "TLS_AES_128_GCM_SHA256",
            "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256");

    /**
     * How long the first byte and the handshake may take. Generous for a LAN, yet a peer that
     * speaks the wrong protocol and waits silently is refused after seconds, not never.
     */
    public static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    private static final String REQUIRE_CLOSE_NOTIFY = "com.sun.net.ssl.requireCloseNotify";

    /**
     * JSSE treats a TCP end of stream without close_notify as an end of stream unless told
     * otherwise; with this it is an error, so a connection cut by an attacker or a crash is never
     * mistaken for a clean end. A JVM-wide setting, read when JSSE's socket class is first loaded:
     * {@link TlsAcceptor} and {@link TlsConnector} call this before they make a socket.
     */
    static void requireCloseNotify() {
        if (System.getProperty(REQUIRE_CLOSE_NOTIFY) == null) {
            System.setProperty(REQUIRE_CLOSE_NOTIFY, "true");
        }
    }

    private TlsSettings() {
    }
}
