package dev.netlab.filetransfer.tls;

import dev.netlab.filetransfer.transport.PeerChannels;
import dev.netlab.filetransfer.transport.PlainTransport;
import dev.netlab.filetransfer.transport.Transport;
import java.io.IOException;
import java.nio.channels.SocketChannel;

/**
 * {@link PlainTransport} plus a {@link PlaintextGuard} on the read side, so that without
 * {@code --tls} a TLS peer is named as such: the server logs "TLS client ... on a plaintext port"
 * instead of a bad frame magic, and the client says "server at HOST:PORT speaks TLS ...; add
 * --tls" (exit 3) instead of a frame error. Writes still go straight to the SocketChannel, so
 * {@code FileChannel.transferTo} keeps its zero-copy path.
 */
public final class TlsDetectingPlainTransport implements Transport {

    public static final TlsDetectingPlainTransport INSTANCE = new TlsDetectingPlainTransport();

    private TlsDetectingPlainTransport() {
    }

    @Override
    public PeerChannels serverSide(SocketChannel accepted) throws IOException {
        PeerChannels plain = PlainTransport.INSTANCE.serverSide(accepted);
        String peer = String.valueOf(accepted.getRemoteAddress());
        return new PeerChannels(PlaintextGuard.refusingTlsClient(plain.in(), peer), plain.out(), plain.closer());
    }

    @Override
    public PeerChannels clientSide(SocketChannel connected, String host, int port) throws IOException {
        PeerChannels plain = PlainTransport.INSTANCE.clientSide(connected, host, port);
        return new PeerChannels(PlaintextGuard.refusingTlsServer(plain.in(), KnownServers.key(host, port)),
                plain.out(), plain.closer());
    }

    @Override
    public String name() {
        return PlainTransport.INSTANCE.name();
    }
}
