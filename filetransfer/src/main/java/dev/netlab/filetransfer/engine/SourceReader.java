package dev.netlab.filetransfer.engine;

import dev.netlab.filetransfer.protocol.ChunkLayout;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/**
 * Reads a source file chunk by chunk into one reusable direct buffer: one copy from the page
 * cache, after which the CRC32C, the whole-file digest and the socket write all work on the same
 * bytes. Not thread-safe.
 */
final class SourceReader {

    private final CRC32C crc = new CRC32C();
    private ByteBuffer buffer;

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

    int crcOf(ByteBuffer data) {
        crc.reset();
        crc.update(data.duplicate());
        return (int) crc.getValue();
    }
}
