package dev.netlab.filetransfer.engine;

import dev.netlab.filetransfer.protocol.ChunkLayout;
import dev.netlab.filetransfer.protocol.DigestAlgorithm;
import java.io.EOFException;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * Reads a source file chunk by chunk into one reusable direct buffer (resends), or a small file
 * whole into one reusable array: one copy from the page cache, after which the CRC32C, the
 * whole-file digest and the socket write all work on the same bytes. Not thread-safe.
 */
final class SourceReader {

    /** First size of the small-file array: 64 KiB holds typical small files; it grows to the largest single chunk read. */
    private static final int SMALL_FILE_ARRAY = 64 * 1024;

    private final CRC32C crc = new CRC32C();
    private ByteBuffer buffer;
    private byte[] array;

    /** Reads chunk {@code index} of the file; the returned buffer is valid until the next call. */
    ByteBuffer read(FileChannel channel, ChunkLayout layout, int index) throws IOException {
        int length = layout.length(index);
        if (buffer == null || buffer.capacity() < length) {
            buffer = ByteBuffer.allocateDirect(Math.max(length, layout.chunkSize()));
        }
        buffer.clear().limit(length);
        long position = layout.offset(index);
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position);
            if (n < 0) {
                throw new EOFException("source shrank while sending: chunk " + index + " ends early at byte "
                        + position);
            }
            position += n;
        }
        return buffer.flip();
    }

    /**
     * Reads a whole file of at most one chunk into a reusable heap array. The digest reads
     * arrays, so this saves the copy out of a direct buffer, and java.io's open, read and close
     * run far less Java code than {@code FileChannel.open}: a fresh client JVM sending ten
     * thousand small files spends more CPU interpreting and compiling that path than reading.
     * The returned buffer is valid until the next call.
     */
    ByteBuffer readWhole(Path file, int length) throws IOException {
        if (array == null || array.length < length) {
            array = new byte[Math.max(length, SMALL_FILE_ARRAY)];
        }
        try (FileInputStream in = new FileInputStream(file.toFile())) {
            int read = 0;
            while (read < length) {
                int n = in.read(array, read, length - read);
                if (n < 0) {
                    throw new EOFException("source shrank while sending: " + file + " ends at byte " + read
                            + ", expected " + length);
                }
                read += n;
            }
        }
        return ByteBuffer.wrap(array, 0, length);
    }

    /**
     * Feeds a mapped region to {@code crc} and {@code digest} (either may be null) through one
     * heap copy, 64 KiB at a time: the copy turns a fault on a truncated source into an
     * InternalError instead of a crash (see FileSender.sendChunk), and hash4j reads arrays
     * fastest (its accessors on a mapped buffer cost more than the copy: issue 14's profile).
     */
    void checkMapped(ByteBuffer mapped, CRC32C crc, DigestAlgorithm.StreamingDigest digest) {
        if (array == null || array.length < SMALL_FILE_ARRAY) {
            array = new byte[SMALL_FILE_ARRAY];
        }
        while (mapped.hasRemaining()) {
            int n = Math.min(SMALL_FILE_ARRAY, mapped.remaining());
            mapped.get(array, 0, n);
            if (crc != null) {
                crc.update(array, 0, n);
            }
            if (digest != null) {
                digest.update(array, 0, n);
            }
        }
    }

    int crcOf(ByteBuffer data) {
        crc.reset();
        crc.update(data.duplicate());
        return (int) crc.getValue();
    }
}
