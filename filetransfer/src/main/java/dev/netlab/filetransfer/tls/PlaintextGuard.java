package dev.netlab.filetransfer.tls;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.function.IntPredicate;

/**
 * Guards a plaintext connection against a TLS peer by looking at the first byte it reads: a
 * plaintext server refuses a TLS client (whose first byte is a ClientHello's 0x16), and a
 * plaintext client refuses a TLS server (which answers with a TLS record, usually the alert
 * {@link TlsAcceptor} sends). Either way the result is a {@link TlsMismatchException} with a clear
 * message on the first read, instead of a confusing frame error or a hang.
 *
 * <p>Wrap the connection's read side once, before the first read; the wrapper adds no copy and no
 * buffering. For blocking channels; not thread-safe, as the channel it wraps is read by one thread.
 */
public final class PlaintextGuard implements ReadableByteChannel {

    private final ReadableByteChannel channel;
    private final IntPredicate isTls;
    private final ExceptionFactory refusal;
    private boolean checked;

    @FunctionalInterface
    private interface ExceptionFactory {
        TlsMismatchException create(int firstByte);
    }

    private PlaintextGuard(ReadableByteChannel channel, IntPredicate isTls, ExceptionFactory refusal) {
        this.channel = channel;
        this.isTls = isTls;
        this.refusal = refusal;
    }

    /**
     * For a plaintext server: the returned channel throws on its first read if the client
     * opened with a TLS ClientHello.
     *
     * @param peer the client's address, for the log line
     */
    public static ReadableByteChannel refusingTlsClient(ReadableByteChannel in, String peer) {
        return new PlaintextGuard(in, TlsRecordFormat::startsClientHello,
                first -> TlsMismatchException.tlsClientOnPlainPort(peer));
    }

    /**
     * For a plaintext client: the returned channel throws on its first read if the server
     * answered with a TLS record.
     *
     * @param hostPort the server as the user named it, for the message
     */
    public static ReadableByteChannel refusingTlsServer(ReadableByteChannel in, String hostPort) {
        return new PlaintextGuard(in, TlsRecordFormat::startsServerRecord,
                first -> TlsMismatchException.plainClientOnTlsServer(hostPort, first));
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        int start = dst.position();
        int n = channel.read(dst);
        if (!checked && n > 0) {
            checked = true;
            int first = dst.get(start) & 0xFF;
            if (isTls.test(first)) {
                throw refusal.create(first);
            }
        }
        return n;
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
