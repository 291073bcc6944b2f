package dev.netlab.filetransfer.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * One thing a transfer benchmark moves: a single file or a folder tree, with the bytes and files
 * it holds and the label its runs are reported under ({@code 64m}, {@code 10000x4k}).
 * The content is seeded random bytes, so no tool gains from compression.
 */
public record TransferData(String label, Path path, boolean directory, long bytes, long files) {

    private static final int BLOCK = 64 * 1024;

    /** Folders the small-file tree is spread over, as peers.sh does: 100 files to a folder. */
    static final int FILES_PER_FOLDER = 100;

    /** Writes one file of {@code size} random bytes named after its label. */
    public static TransferData randomFile(Path folder, long size, long seed) throws IOException {
        String label = sizeLabel(size);
        Path file = folder.resolve("data-" + label + ".bin");
        Files.createDirectories(folder);
        writeRandom(file, size, new SplittableRandom(seed));
        return new TransferData(label, file, false, size, 1);
    }

    /** Writes {@code count} files of {@code size} random bytes, 100 to a folder, under one root. */
    public static TransferData smallFiles(Path folder, int count, int size, long seed) throws IOException {
        String label = count + "x" + sizeLabel(size);
        Path root = folder.resolve("small-" + label);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < count; i++) {
            Path sub = root.resolve(String.format(Locale.ROOT, "d%03d", i / FILES_PER_FOLDER));
            Files.createDirectories(sub);
            writeRandom(sub.resolve(String.format(Locale.ROOT, "f%05d.bin", i)), size, random);
        }
        return new TransferData(label, root, true, (long) count * size, count);
    }

    private static void writeRandom(Path file, long size, SplittableRandom random) throws IOException {
        byte[] block = new byte[BLOCK];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; left -= BLOCK) {
                int n = (int) Math.min(BLOCK, left);
                for (int i = 0; i < n; i += Long.BYTES) {
                    long word = random.nextLong();
                    for (int b = 0; b < Long.BYTES && i + b < n; b++) {
                        block[i + b] = (byte) (word >>> (8 * b));
                    }
                }
                out.write(block, 0, n);
            }
        }
    }

    /** {@code 1048576} becomes {@code 1m}, {@code 4096} becomes {@code 4k}, as the size options read. */
    public static String sizeLabel(long size) {
        String[] units = {"", "k", "m", "g"};
        long value = size;
        int unit = 0;
        while (unit < units.length - 1 && value >= 1024 && value % 1024 == 0) {
            value /= 1024;
            unit++;
        }
        return value + units[unit];
    }
}
