package dev.netlab.filetransfer.transport;

import java.nio.channels.SocketChannel;

/** No wrapping: the protocol reads and writes the TCP SocketChannel directly. */
public final class PlainTransport implements Transport {

    public static final PlainTransport INSTANCE = new PlainTransport();

    private PlainTransport() {
    }

    @Override
    public PeerChannels serverSide(SocketChannel accepted) {
        return new PeerChannels(accepted, accepted, accepted);
    }

    @Override
    public PeerChannels clientSide(SocketChannel connected, String host, int port) {
        return new PeerChannels(connected, connected, connected);
    }

    @Override
    public String name() {
        return "plain";
    }
}
