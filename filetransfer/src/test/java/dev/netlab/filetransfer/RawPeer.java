package dev.netlab.filetransfer;

import dev.netlab.filetransfer.protocol.Handshake;
import dev.netlab.filetransfer.protocol.Message;
import dev.netlab.filetransfer.protocol.MessageReader;
import dev.netlab.filetransfer.protocol.MessageWriter;
import dev.netlab.filetransfer.protocol.PeerConnection;
import dev.netlab.filetransfer.transport.PlainTransport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/** A hand-driven client for tests that must say things a real client never would. */
final class RawPeer implements AutoCloseable {

    final SocketChannel socket;
    final PeerConnection connection;

    RawPeer(InetSocketAddress server) throws IOException {
        socket = SocketChannel.open(server);
        connection = new PeerConnection(PlainTransport.INSTANCE.clientSide(socket, "127.0.0.1", server.getPort()),
                "test", Duration.ofSeconds(30));
    }

    RawPeer handshake() throws IOException {
        Handshake.asClient(connection, null);
        return this;
    }

    MessageWriter writer() {
        return connection.writer();
    }

    MessageReader reader() {
        return connection.reader();
    }

    Message next() throws IOException {
        connection.flush();
        return connection.reader().next();
    }

    void sendRaw(byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            socket.write(buffer);
        }
    }

    /** Reads until the server closes; returns how many bytes came first. */
    int readUntilClosed() throws IOException {
        ByteBuffer sink = ByteBuffer.allocate(64 * 1024);
        int total = 0;
        int n;
        while ((n = socket.read(sink.clear())) >= 0) {
            total += n;
        }
        return total;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
