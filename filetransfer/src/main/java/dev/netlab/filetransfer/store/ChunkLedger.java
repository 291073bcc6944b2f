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
 * | digest set u8 (1 = yes, 0 = not yet) | the sender's whole-file digest (the algorithm's length)
 * +--------+---- ...
 * </pre>
 *
 * A chunk is marked only after its bytes were written to the part file, with one positional
 * one-byte write, so the ledger never claims bytes the part file lacks (short of a power loss
 * without --fsync, which the whole-file digest still catches). The source's size and mtime form
 * the fingerprint: a changed source starts over. The digest the sender announced for this
 * source is kept too: a striped file's stripe 0 may bring it and leave long before the stripe
 * that completes the file arrives (see {@code stripe/SharedPart}). Not thread-safe.
 */
public final class ChunkLedger implements Closeable {

    private static final int MAGIC = 0x4E4C434C;
    private static final byte VERSION = 2;
    private static final int HEADER_LENGTH = Integer.BYTES + 2 + Integer.BYTES + 2 * Long.BYTES + Integer.BYTES;

    private final FileChannel channel;
    private final byte[] verified;
    private final ByteBuffer one = ByteBuffer.allocate(1);
    private final long digestPosition;
    private int verifiedCount;
    private byte[] digest;

    private ChunkLedger(FileChannel channel, byte[] verified, byte[] digest) {
        this.channel = channel;
        this.verified = verified;
        this.digest = digest;
        this.digestPosition = HEADER_LENGTH + (long) verified.length;
        for (byte b : verified) {
            verifiedCount += b == 1 ? 1 : 0;
        }
    }

    /**
     * Opens the ledger for this source, keeping its record only if it describes the same source
     * (size, mtime, chunk size, digest algorithm) and the part file exists; otherwise starts a fresh one.
     */
    public static ChunkLedger open(Path ledger, boolean partExists, ChunkLayout layout, long mtimeMillis,
                                   DigestAlgorithm algorithm) throws IOException {
        ByteBuffer header = header(layout, mtimeMillis, algorithm);
        int length = HEADER_LENGTH + layout.chunkCount() + 1 + algorithm.length();
        FileChannel channel = FileChannel.open(ledger, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            if (partExists && channel.size() == length) {
                ChunkLedger kept = readExisting(channel, header, length, layout.chunkCount(), algorithm.length());
                if (kept != null) {
                    return kept;
                }
            }
            channel.truncate(0);
            ByteBuffer fresh = ByteBuffer.allocate(length).put(header.duplicate());
            fresh.position(fresh.capacity()).flip();
            while (fresh.hasRemaining()) {
                channel.write(fresh, fresh.position());
            }
            return new ChunkLedger(channel, new byte[layout.chunkCount()], null);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** @return the ledger as recorded, or null when its header or digest flag is not this source's */
    private static ChunkLedger readExisting(FileChannel channel, ByteBuffer header, int length, int chunks,
                                            int digestLength) throws IOException {
        ByteBuffer existing = ByteBuffer.allocate(length);
        while (existing.hasRemaining() && channel.read(existing, existing.position()) > 0) {
            // positional reads until full
        }
        if (existing.hasRemaining() || !existing.flip().slice(0, HEADER_LENGTH).equals(header)) {
            return null;
        }
        byte digestSet = existing.get(HEADER_LENGTH + chunks);
        if (digestSet != 0 && digestSet != 1) {
            return null;
        }
        byte[] verified = new byte[chunks];
        existing.position(HEADER_LENGTH).get(verified);
        byte[] digest = digestSet == 1 ? new byte[digestLength] : null;
        if (digest != null) {
            existing.position(length - digestLength).get(digest);
        }
        return new ChunkLedger(channel, verified, digest);
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

    /** The whole-file digest the sender announced for this source, or null while none was recorded. */
    public byte[] digest() {
        return digest == null ? null : digest.clone();
    }

    /**
     * Records the sender's whole-file digest, replacing any earlier one. The set byte is cleared
     * first and set last, so a write cut short never leaves a half-replaced digest marked as set.
     */
    public void recordDigest(byte[] announced) throws IOException {
        one.clear().put((byte) 0).flip();
        channel.write(one, digestPosition);
        ByteBuffer bytes = ByteBuffer.wrap(announced);
        while (bytes.hasRemaining()) {
            channel.write(bytes, digestPosition + 1 + bytes.position());
        }
        one.clear().put((byte) 1).flip();
        channel.write(one, digestPosition);
        digest = announced.clone();
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
