package dev.netlab.filetransfer.store;

import dev.netlab.filetransfer.protocol.ChunkLayout;
import dev.netlab.filetransfer.protocol.DigestAlgorithm;
import dev.netlab.filetransfer.protocol.Message;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The record of which chunks of a part file are verified, kept in a small file beside it so a
 * resume survives a restart of either side. Format (big-endian):
 *
 * <pre>
 * +--------+--------+--------+--------+--------+--------+
 * |     magic 'N' 'L' 'C' 'L'         |version |  alg   |
 * +--------+--------+--------+--------+--------+--------+
 * | chunk size u32 | source size u64 | source mtime ms u64 | chunk count u32 |
 * +---- ... -------+------ ... ------+------- ... ---------+----- ... -------+
 * | one byte per chunk: 1 = verified and written to the part file, 0 = not yet
 * +---- ...
 * </pre>
 *
 * A chunk is marked only after its bytes were written to the part file, with one positional
 * one-byte write, so the ledger never claims bytes the part file lacks (short of a power loss
 * without --fsync, which the whole-file digest still catches). The source's size and mtime form
 * the fingerprint: a changed source starts over. Not thread-safe.
 */
public final class ChunkLedger implements Closeable {

    private static final int MAGIC = 0x4E4C434C;
    private static final byte VERSION = 1;
    private static final int HEADER_LENGTH = Integer.BYTES + 2 + Integer.BYTES + 2 * Long.BYTES + Integer.BYTES;

    private final FileChannel channel;
    private final byte[] verified;
    private final ByteBuffer one = ByteBuffer.allocate(1);
    private int verifiedCount;

    private ChunkLedger(FileChannel channel, byte[] verified) {
        this.channel = channel;
        this.verified = verified;
        for (byte b : verified) {
            verifiedCount += b == 1 ? 1 : 0;
        }
    }

    /**
     * Opens the ledger for this source, keeping its record only if it describes the same source
     * (size, mtime, chunk size, digest) and the part file exists; otherwise starts a fresh one.
     */
    public static ChunkLedger open(Path ledger, boolean partExists, ChunkLayout layout, long mtimeMillis,
                                   DigestAlgorithm algorithm) throws IOException {
        ByteBuffer header = header(layout, mtimeMillis, algorithm);
        FileChannel channel = FileChannel.open(ledger, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            byte[] verified = new byte[layout.chunkCount()];
            if (partExists && channel.size() == HEADER_LENGTH + verified.length) {
                ByteBuffer existing = ByteBuffer.allocate(HEADER_LENGTH + verified.length);
                while (existing.hasRemaining() && channel.read(existing, existing.position()) > 0) {
                    // positional reads until full
                }
                if (!existing.hasRemaining() && existing.flip().slice(0, HEADER_LENGTH).equals(header)) {
                    existing.position(HEADER_LENGTH).get(verified);
                    return new ChunkLedger(channel, verified);
                }
            }
            channel.truncate(0);
            ByteBuffer fresh = ByteBuffer.allocate(HEADER_LENGTH + verified.length).put(header.duplicate());
            fresh.position(fresh.capacity()).flip();
            while (fresh.hasRemaining()) {
                channel.write(fresh, fresh.position());
            }
            return new ChunkLedger(channel, verified);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static ByteBuffer header(ChunkLayout layout, long mtimeMillis, DigestAlgorithm algorithm) {
        return ByteBuffer.allocate(HEADER_LENGTH).putInt(MAGIC).put(VERSION).put((byte) algorithm.wire())
                .putInt(layout.chunkSize()).putLong(layout.size()).putLong(mtimeMillis)
                .putInt(layout.chunkCount()).flip();
    }

    public boolean isVerified(int chunk) {
        return verified[chunk] == 1;
    }

    public int verifiedCount() {
        return verifiedCount;
    }

    public void markVerified(int chunk) throws IOException {
        if (verified[chunk] == 1) {
            return;
        }
        verified[chunk] = 1;
        verifiedCount++;
        one.clear().put((byte) 1).flip();
        channel.write(one, HEADER_LENGTH + (long) chunk);
    }

    /** Verified chunks as runs, the form a PLAN carries. */
    public List<Message.ChunkRun> verifiedRuns() {
        List<Message.ChunkRun> runs = new ArrayList<>();
        int i = 0;
        while (i < verified.length) {
            if (verified[i] != 1) {
                i++;
                continue;
            }
            int start = i;
            while (i < verified.length && verified[i] == 1) {
                i++;
            }
            runs.add(new Message.ChunkRun(start, i - start));
        }
        return runs;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    public static void delete(Path ledger) throws IOException {
        Files.deleteIfExists(ledger);
    }
}
