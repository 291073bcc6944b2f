package dev.netlab.common.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/** Seeded test data, so a failing test fails the same way every time. */
public final class TestData {

    private static final int BLOCK = 64 * 1024;

    private TestData() {
    }

    public static byte[] randomBytes(int n, long seed) {
        byte[] bytes = new byte[n];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        return bytes;
    }

    /** Writes {@code size} seeded random bytes to {@code file}, creating parent folders. */
    public static Path randomFile(Path file, long size, long seed) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        SplittableRandom random = new SplittableRandom(seed);
        byte[] block = new byte[BLOCK];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; left -= BLOCK) {
                for (int i = 0; i < BLOCK; i += Long.BYTES) {
                    long word = random.nextLong();
                    for (int b = 0; b < Long.BYTES; b++) {
                        block[i + b] = (byte) (word >>> (8 * b));
                    }
                }
                out.write(block, 0, (int) Math.min(BLOCK, left));
            }
        }
        return file;
    }
}
