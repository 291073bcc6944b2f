package dev.netlab.filetransfer.engine;

import dev.netlab.filetransfer.protocol.DigestAlgorithm;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;

/**
 * A whole-file digest computed on its own thread, so hashing a large file overlaps with the
 * network and disk I/O of the thread that feeds it. The feeder copies each piece into one of
 * {@link #PIECES} reusable arrays (a copy the hash needs anyway: hash4j reads arrays, not
 * direct buffers) and blocks when all are in use, which bounds memory to PIECES x PIECE_SIZE (50 clients sending large files cost the
 * server 50 MiB here).
 * One feeder thread; {@link #finish()} or {@link #close()} stops the hashing thread.
 */
final class BackgroundDigest implements AutoCloseable {

    /** 256 KiB pieces: the hand-off costs nothing beside hashing them, and they stay in cache. */
    static final int PIECE_SIZE = 256 * 1024;
    /** Four pieces in flight: the hasher never starves and memory stays at 1 MiB per file. */
    static final int PIECES = 4;

    private record Piece(byte[] bytes, int length) {
    }

    private static final Piece END = new Piece(new byte[0], 0);

    private final BlockingQueue<Piece> full = new ArrayBlockingQueue<>(PIECES + 1);
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(PIECES);
    private final DigestAlgorithm.StreamingDigest digest;
    private final Thread thread;
    private volatile byte[] result;

    BackgroundDigest(DigestAlgorithm algorithm, String name) {
        this.digest = algorithm.newDigest();
        for (int i = 0; i < PIECES; i++) {
            free.add(new byte[PIECE_SIZE]);
        }
        thread = new Thread(this::hashLoop, name);
        thread.setDaemon(true);
        thread.start();
    }

    private void hashLoop() {
        try {
            while (true) {
                Piece piece = full.take();
                if (piece == END) {
                    result = digest.finish();
                    return;
                }
                digest.update(piece.bytes(), 0, piece.length());
                free.put(piece.bytes());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Consumes the buffer's remaining bytes. */
    void update(ByteBuffer data) throws InterruptedIOException {
        update(data, null);
    }

    /**
     * Consumes the buffer's remaining bytes and, when {@code crc} is given, feeds them to it
     * too, from the copy while it is still in cache: one pass over cold memory instead of two.
     */
    void update(ByteBuffer data, CRC32C crc) throws InterruptedIOException {
        try {
            while (data.hasRemaining()) {
                byte[] bytes = free.take();
                int n = Math.min(bytes.length, data.remaining());
                data.get(bytes, 0, n);
                if (crc != null) {
                    crc.update(bytes, 0, n);
                }
                full.put(new Piece(bytes, n));
            }
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    /** Waits for the hashing thread to catch up and returns the digest. */
    byte[] finish() throws InterruptedIOException {
        try {
            full.put(END);
            thread.join();
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
        return result;
    }

    private InterruptedIOException interrupted(InterruptedException e) {
        close();
        Thread.currentThread().interrupt();
        InterruptedIOException io = new InterruptedIOException("interrupted while hashing");
        io.initCause(e);
        return io;
    }

    @Override
    public void close() {
        if (thread.isAlive()) {
            thread.interrupt();
            try {
                thread.join(TimeUnit.SECONDS.toMillis(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
