package dev.netlab.filetransfer.engine;

import dev.netlab.filetransfer.protocol.ChunkLayout;
import dev.netlab.filetransfer.protocol.DigestAlgorithm;
import dev.netlab.filetransfer.protocol.Message;
import dev.netlab.filetransfer.protocol.TransferProtocol;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/** What a sender says about a file held in memory, built the way {@link FileSender} builds it. */
public final class Messages {

    /** The smallest chunk the protocol allows, so multi-chunk files stay small in tests. */
    public static final int CHUNK = TransferProtocol.MIN_CHUNK_SIZE;
    public static final long MTIME = 1_700_000_000_000L;
    public static final DigestAlgorithm ALG = DigestAlgorithm.XXH128;

    private Messages() {
    }

    public static ChunkLayout layout(byte[] content) {
        return new ChunkLayout(content.length, CHUNK);
    }

    /** A file that waits for a PLAN. */
    public static Message.Offer offer(int id, String path, byte[] content) {
        return new Message.Offer(id, content.length, MTIME, CHUNK, 0, 1, ALG, null, path, false, false);
    }

    /** Stripe {@code index} of {@code count} of a file sent over several connections. */
    public static Message.Offer stripe(int id, String path, byte[] content, int index, int count) {
        return new Message.Offer(id, content.length, MTIME, CHUNK, index, count, ALG, null, path, false, false);
    }

    /** A file of at most one chunk, offered with its digest; its chunk follows at once. */
    public static Message.Offer eager(int id, String path, byte[] content) {
        return new Message.Offer(id, content.length, MTIME, CHUNK, 0, 1, ALG, digest(content), path, true, false);
    }

    public static Message.Offer directory(int id, String path) {
        return new Message.Offer(id, 0, MTIME, CHUNK, 0, 1, ALG, null, path, false, true);
    }

    public static Message.Chunk chunk(int id, byte[] content, int index) {
        ByteBuffer data = slice(content, index);
        return new Message.Chunk(id, index, crc(data), data);
    }

    /** The chunk with one bit flipped in transit: its CRC32C no longer matches. */
    public static Message.Chunk damagedChunk(int id, byte[] content, int index) {
        ByteBuffer data = slice(content, index);
        int crc = crc(data);
        byte[] damaged = new byte[data.remaining()];
        data.get(damaged);
        damaged[damaged.length / 2] ^= 0x10;
        return new Message.Chunk(id, index, crc, ByteBuffer.wrap(damaged));
    }

    public static Message.End end(int id, byte[] content) {
        return new Message.End(id, digest(content));
    }

    public static byte[] digest(byte[] content) {
        return ALG.digestOf(ByteBuffer.wrap(content));
    }

    public static String hex(byte[] content) {
        return DigestAlgorithm.hex(digest(content));
    }

    private static ByteBuffer slice(byte[] content, int index) {
        ChunkLayout layout = layout(content);
        return ByteBuffer.wrap(content, (int) layout.offset(index), layout.length(index)).slice();
    }

    private static int crc(ByteBuffer data) {
        CRC32C crc = new CRC32C();
        crc.update(data.duplicate());
        return (int) crc.getValue();
    }
}
