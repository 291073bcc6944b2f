package dev.netlab.filetransfer.demo;

import dev.netlab.common.frame.FrameFormat;
import dev.netlab.filetransfer.protocol.MessageType;
import dev.netlab.filetransfer.protocol.TransferProtocol;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP relay that misbehaves on purpose, for the demo and the tests: it can cut each
 * connection after N bytes relayed in either direction together (a client killed mid-transfer,
 * a cable pulled; works for uploads and downloads alike), and
 * it can flip one byte inside the data of chosen CHUNK frames (a corrupting link), which it finds
 * by following the frame headers. {@link #close()} stops the listener, every pump thread and
 * every socket.
 */
public final class FaultyRelay implements Closeable {

    /** Relay buffer per direction per connection. */
    private static final int PUMP_BUFFER = 64 * 1024;

    private final ServerSocketChannel listener;
    private final InetSocketAddress target;
    private final long cutAfterBytes;
    private final Set<Integer> corruptChunkOrdinals;
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final Set<SocketChannel> sockets = ConcurrentHashMap.newKeySet();

    /**
     * @param cutAfterBytes close each connection after this many bytes in both directions together; Long.MAX_VALUE for never
     * @param corruptChunkOrdinals 1-based ordinals of CHUNK frames (per connection) to damage in flight
     */
    public FaultyRelay(InetSocketAddress target, long cutAfterBytes, Set<Integer> corruptChunkOrdinals) throws IOException {
        this.target = target;
        this.cutAfterBytes = cutAfterBytes;
        this.corruptChunkOrdinals = Set.copyOf(corruptChunkOrdinals);
        this.listener = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        start("relay-accept", this::acceptLoop);
    }

    public int port() throws IOException {
        return ((InetSocketAddress) listener.getLocalAddress()).getPort();
    }

    private void start(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    private void acceptLoop() {
        try {
            while (true) {
                SocketChannel client = listener.accept();
                SocketChannel server = SocketChannel.open(target);
                sockets.add(client);
                sockets.add(server);
                AtomicLong relayed = new AtomicLong();
                start("relay-up", () -> pump(client, server, true, relayed));
                start("relay-down", () -> pump(server, client, false, relayed));
            }
        } catch (IOException e) {
            // listener closed: the relay is shutting down
        }
    }

    private void pump(SocketChannel from, SocketChannel to, boolean upstream, AtomicLong relayed) {
        ByteBuffer buffer = ByteBuffer.allocate(PUMP_BUFFER);
        FrameTracker frames = new FrameTracker();
        try {
            while (from.read(buffer.clear()) >= 0) {
                buffer.flip();
                long room = Math.max(0, cutAfterBytes - relayed.get());
                if (buffer.remaining() > room) {
                    buffer.limit((int) (buffer.position() + room));
                }
                if (upstream) {
                    frames.damage(buffer, corruptChunkOrdinals);
                }
                relayed.addAndGet(buffer.remaining());
                while (buffer.hasRemaining()) {
                    to.write(buffer);
                }
                if (relayed.get() >= cutAfterBytes) {
                    break;
                }
            }
        } catch (IOException e) {
            // one side went away; close both below
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    /** Follows frame boundaries in one direction to find the data bytes of each CHUNK frame. */
    private static final class FrameTracker {
        private final ByteBuffer header = ByteBuffer.allocate(FrameFormat.HEADER_LENGTH);
        private long payloadLeft;
        private long payloadOffset;
        private boolean chunk;
        private int chunkOrdinal;
        private boolean damaged;

        void damage(ByteBuffer bytes, Set<Integer> ordinals) {
            for (int i = bytes.position(); i < bytes.limit(); i++) {
                if (payloadLeft == 0) {
                    header.put(bytes.get(i));
                    if (!header.hasRemaining()) {
                        chunk = header.get(FrameFormat.TYPE_OFFSET) == MessageType.CHUNK.wire();
                        payloadLeft = Integer.toUnsignedLong(header.getInt(FrameFormat.LENGTH_OFFSET));
                        payloadOffset = 0;
                        damaged = false;
                        chunkOrdinal += chunk ? 1 : 0;
                        header.clear();
                    }
                    continue;
                }
                if (chunk && !damaged && payloadOffset >= TransferProtocol.CHUNK_HEADER_LENGTH
                        && ordinals.contains(chunkOrdinal)) {
                    bytes.put(i, (byte) (bytes.get(i) ^ 0x5A));
                    damaged = true;
                }
                payloadOffset++;
                payloadLeft--;
            }
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // already closed by the other direction
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (SocketChannel socket : sockets) {
            closeQuietly(socket);
        }
        for (Thread thread : threads) {
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
