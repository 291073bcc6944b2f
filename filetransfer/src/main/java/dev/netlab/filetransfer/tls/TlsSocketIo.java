package dev.netlab.filetransfer.tls;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;

/**
 * How a {@link TlsConnection} moves its heap buffers between itself and the socket: through the
 * socket's channel when it has one (the server and the client), else through its streams (a
 * plain {@code java.net.Socket}). Used by one reader and one writer thread at once.
 */
interface TlsSocketIo {

    /** For a connected socket. */
    static TlsSocketIo of(Socket socket) {
        return socket.getChannel() != null ? new ChannelIo(socket) : new StreamIo(socket);
    }

    /** Blocks without a time limit. */
    int read(ByteBuffer into) throws IOException;

    /** Honours the socket's read timeout (SocketTimeoutException). */
    int timedRead(ByteBuffer into) throws IOException;

    void writeFully(ByteBuffer from) throws IOException;

    /** Through the socket's channel: one system call per buffer. */
    final class ChannelIo implements TlsSocketIo {
        private final Socket socket;
        private final StreamIo timed;

        ChannelIo(Socket socket) {
            this.socket = socket;
            this.timed = new StreamIo(socket);
        }

        @Override
        public int read(ByteBuffer into) throws IOException {
            return socket.getChannel().read(into);
        }

        @Override
        public int timedRead(ByteBuffer into) throws IOException {
            // A blocking channel ignores SO_TIMEOUT; the socket's stream honours it.
            return timed.timedRead(into);
        }

        @Override
        public void writeFully(ByteBuffer from) throws IOException {
            while (from.hasRemaining()) {
                socket.getChannel().write(from);
            }
        }
    }

    /** Through the socket's streams, for a socket made without a channel. */
    final class StreamIo implements TlsSocketIo {
        private final Socket socket;

        StreamIo(Socket socket) {
            this.socket = socket;
        }

        @Override
        public int read(ByteBuffer into) throws IOException {
            return timedRead(into);
        }

        /** {@code into} is one of the connection's heap buffers. */
        @Override
        public int timedRead(ByteBuffer into) throws IOException {
            int n = socket.getInputStream().read(into.array(), into.arrayOffset() + into.position(), into.remaining());
            if (n > 0) {
                into.position(into.position() + n);
            }
            return n;
        }

        @Override
        public void writeFully(ByteBuffer from) throws IOException {
            OutputStream out = socket.getOutputStream();
            out.write(from.array(), from.arrayOffset() + from.position(), from.remaining());
            out.flush();
            from.position(from.limit());
        }
    }
}
