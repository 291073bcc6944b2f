package dev.netlab.filetransfer.engine;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Maps one chunk of a source file at a time, so the CRC32C and the digest read the page cache
 * in place (no read() copy) while the socket gets the same bytes by sendfile. Mappings are
 * released by the garbage collector, not unmapped early: the only early unmap on Java 17 is
 * {@code sun.misc.Unsafe.invokeCleaner}, which Java 25 warns about on every send, and leaving it
 * to the collector measured no worse (docs/filetransfer-measurements.md, issue 14). Should
 * mappings ever pile up to the kernel's limit, {@link FileChannel#map} runs a collection and
 * tries again.
 */
final class MappedChunks {

    private MappedChunks() {
    }

    static MappedByteBuffer map(FileChannel channel, long position, int length) throws IOException {
        return channel.map(FileChannel.MapMode.READ_ONLY, position, length);
    }
}
