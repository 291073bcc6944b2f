package dev.netlab.lab.file;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Receives one plain TCP file send: accepts one connection and writes what it reads to a file
 * until the sender's end of stream, then closes, which tells the sender it is done. It stops
 * at {@code maxBytes}, so a peer that never stops cannot fill the disk. Not thread-safe.
 */
public final class StreamFileReceiver {

    private static final int BUFFER_BYTES = 256 * 1024;

    private StreamFileReceiver() {
    }

    /** Returns the bytes written to {@code out}. */
    public static long receive(ServerSocket listener, Path out, long maxBytes) throws IOException {
        try (Socket socket = listener.accept(); OutputStream file = Files.newOutputStream(out)) {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[BUFFER_BYTES];
            long total = 0;
            int read;
            while (total < maxBytes && (read = in.read(buffer, 0, (int) Math.min(buffer.length, maxBytes - total))) > 0) {
                file.write(buffer, 0, read);
                total += read;
            }
            return total;
        }
    }
}
