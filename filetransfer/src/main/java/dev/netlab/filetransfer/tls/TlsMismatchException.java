package dev.netlab.filetransfer.tls;

import dev.netlab.common.cli.ExitCodes;
import dev.netlab.common.cli.ExitStatus;
import java.io.IOException;
import java.time.Duration;

/**
 * One end speaks TLS and the other plaintext: a TLS client reached a plaintext server, or a
 * plaintext client a TLS server (see {@link TlsMismatchException#tlsClientOnPlainServer} and the
 * other factories for the exact messages). Raised at once, during the first exchange, never
 * after a hang. Exit code 3: the connection could not be set up.
 */
public final class TlsMismatchException extends IOException implements ExitStatus {

    private TlsMismatchException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Client side, with {@code --tls}: the server answered the ClientHello with something else. */
    public static TlsMismatchException tlsClientOnPlainServer(String hostPort, Throwable cause) {
        return new TlsMismatchException("server at " + hostPort
                + " does not speak TLS (is it running without --tls?)", cause);
    }

    /** Client side, with {@code --tls}: the server stayed silent through the whole handshake timeout. */
    public static TlsMismatchException tlsHandshakeTimedOut(String hostPort, Duration timeout, Throwable cause) {
        return new TlsMismatchException("server at " + hostPort + " did not answer the TLS handshake within "
                + describe(timeout) + " (is it running without --tls?)", cause);
    }

    /** Client side, without {@code --tls}: the server answered with a TLS record. */
    public static TlsMismatchException plainClientOnTlsServer(String hostPort, int firstByte) {
        return new TlsMismatchException(String.format(
                "server at %s speaks TLS (first byte 0x%02x is a TLS record); add --tls", hostPort, firstByte),
                null);
    }

    /** Server side, with {@code --tls}: a client sent something other than a ClientHello. */
    public static TlsMismatchException plainClientOnTlsPort(String peer, int firstByte) {
        return new TlsMismatchException(String.format(
                "plaintext client %s on a TLS port (first byte 0x%02x, a TLS ClientHello starts with 0x%02x);"
                        + " closed it (the client needs --tls)",
                peer, firstByte, TlsRecordFormat.CONTENT_TYPE_HANDSHAKE), null);
    }

    /** Server side, with {@code --tls}: a client sent nothing, as a plaintext client waiting for a greeting. */
    public static TlsMismatchException silentClientOnTlsPort(String peer, Duration timeout, Throwable cause) {
        return new TlsMismatchException("client " + peer + " sent no TLS handshake within " + describe(timeout)
                + "; closed it (a plaintext client needs --tls)", cause);
    }

    /** Server side, without {@code --tls}: a client opened with a TLS ClientHello. */
    public static TlsMismatchException tlsClientOnPlainPort(String peer) {
        return new TlsMismatchException(String.format(
                "TLS client %s on a plaintext port (first byte 0x%02x is a TLS handshake record);"
                        + " closed it (start the server with --tls to accept TLS)",
                peer, TlsRecordFormat.CONTENT_TYPE_HANDSHAKE), null);
    }

    /** {@code 10s}, or {@code 300ms} for a timeout that is not whole seconds. */
    private static String describe(Duration timeout) {
        return timeout.toMillisPart() == 0 ? timeout.toSeconds() + "s" : timeout.toMillis() + "ms";
    }

    @Override
    public int exitCode() {
        return ExitCodes.DISCONNECTED;
    }
}
