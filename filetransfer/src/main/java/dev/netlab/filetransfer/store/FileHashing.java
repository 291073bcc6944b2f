package dev.netlab.filetransfer.store;

import dev.netlab.filetransfer.protocol.DigestAlgorithm;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Whole-file digests of files on disk, for skip checks and for verifying resumed part files. */
public final class FileHashing {

    /** 1 MiB reads: few system calls, and the buffer stays in cache while it is hashed. */
    private static final int READ_SIZE = 1024 * 1024;

    private FileHashing() {
    }

    public static byte[] digest(Path file, DigestAlgorithm algorithm) throws IOException {
        return digest(file, algorithm, () -> { });
    }

    /** @param progress called after every read, so a caller can show it is alive */
    public static byte[] digest(Path file, DigestAlgorithm algorithm, Runnable progress) throws IOException {
        DigestAlgorithm.StreamingDigest digest = algorithm.newDigest();
        ByteBuffer buffer = ByteBuffer.allocateDirect(READ_SIZE);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (channel.read(buffer.clear()) >= 0) {
                digest.update(buffer.flip());
                progress.run();
            }
        }
        return digest.finish();
    }
}
