package dev.netlab.lab.file;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Sends a file over one plain TCP connection: connect, write every byte, close the sending
 * half, wait for the receiver to close. No framing, no checksum of its own: what arrives
 * whole, in order and once is TCP's doing (acknowledgment, retransmission, ordering).
 * Stateless.
 */
public final class StreamFileSender {

    private StreamFileSender() {
    }

    /** Sends {@code file}; returns the seconds from connect until the receiver had everything. */
    public static double send(Path file, InetSocketAddress receiver) throws IOException {
        long start = System.nanoTime();
        try (Socket socket = new Socket(); InputStream in = Files.newInputStream(file)) {
            socket.connect(receiver);
            OutputStream out = socket.getOutputStream();
            in.transferTo(out);
            socket.shutdownOutput();
            // The receiver closes after its last read: then every byte is in its file.
            socket.getInputStream().read();
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
