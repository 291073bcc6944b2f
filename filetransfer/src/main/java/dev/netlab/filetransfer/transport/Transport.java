package dev.netlab.filetransfer.transport;

import java.io.IOException;
import java.nio.channels.SocketChannel;

/**
 * The one place a TCP connection becomes the byte channels the protocol runs on. The server
 * hands every accepted socket through {@link #serverSide}, the client every connected socket
 * through {@link #clientSide}. {@link PlainTransport} returns the SocketChannel itself (so
 * {@code FileChannel.transferTo} can use sendfile); the TLS transport layers JSSE's SSLSocket over
 * the channel's socket ({@code tls/TlsConnection}) and returns channels that seal and open its records.
 */
public interface Transport {

    PeerChannels serverSide(SocketChannel accepted) throws IOException;

    PeerChannels clientSide(SocketChannel connected, String host, int port) throws IOException;

    /** A short name for logs and reports, e.g. "plain" or "tls". */
    String name();
}
