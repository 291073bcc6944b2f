import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * The floor under filetransfer's 1 GiB target: the least a Java sender and receiver can do to
 * move a file disk to disk over TCP, with no protocol and no verification at all (optionally
 * one CRC32C pass on the receiver). The sender uses sendfile (transferTo), the receiver one
 * direct buffer and positional writes: the same system calls netlab's data path makes.
 * floor.sh times it against nc. Not part of the product.
 *
 * <pre>
 *   java -cp DIR FloorPair serve PORT DIR [crc]   (accepts forever; each connection -> DIR/floor.N)
 *   java -cp DIR FloorPair send PORT FILE         (returns once the receiver has written everything)
 * </pre>
 */
public final class FloorPair {

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[1]);
        if (args[0].equals("serve")) {
            serve(port, Path.of(args[2]), args.length > 3 && args[3].equals("crc"));
        } else {
            send(port, Path.of(args[2]));
        }
    }

    private static void serve(int port, Path dir, boolean crc) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
        CRC32C checksum = new CRC32C();
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress("127.0.0.1", port));
            System.out.println("listening on 127.0.0.1:" + port);
            for (int n = 0; ; n++) {
                try (SocketChannel peer = listener.accept();
                     FileChannel out = FileChannel.open(dir.resolve("floor." + n), StandardOpenOption.CREATE,
                             StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                    long position = 0;
                    while (fill(peer, buffer.clear()) > 0) {
                        if (crc) {
                            checksum.update(buffer.duplicate());
                        }
                        while (buffer.hasRemaining()) {
                            position += out.write(buffer, position);
                        }
                    }
                    peer.write(ByteBuffer.wrap(new byte[] {1}));
                }
            }
        }
    }

    private static int fill(SocketChannel peer, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining() && peer.read(buffer) >= 0) {
            // read until the buffer is full or the sender has shut down its side
        }
        return buffer.flip().remaining();
    }

    private static void send(int port, Path file) throws IOException {
        try (SocketChannel socket = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
             FileChannel in = FileChannel.open(file)) {
            for (long sent = 0, size = in.size(); sent < size; ) {
                sent += in.transferTo(sent, size - sent, socket);
            }
            socket.shutdownOutput();
            socket.read(ByteBuffer.allocate(1));
        }
    }
}
