package dev.netlab.lab.file;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * What arrived of a file, against its source: bytes missing (the source's length minus the
 * received one, never below 0), bytes wrong (positions both files have where they differ) and
 * whether the two SHA-256 digests are equal. A received file that does not exist is all missing.
 */
public record FileComparison(long bytesMissing, long bytesWrong, boolean identical) {

    private static final int BUFFER_BYTES = 1 << 16;

    public static FileComparison of(Path source, Path received) throws IOException {
        long sourceLength = Files.size(source);
        if (!Files.isRegularFile(received)) {
            return new FileComparison(sourceLength, 0, false);
        }
        MessageDigest sourceDigest = sha256();
        MessageDigest receivedDigest = sha256();
        long wrong = 0;
        try (InputStream a = Files.newInputStream(source); InputStream b = Files.newInputStream(received)) {
            byte[] x = new byte[BUFFER_BYTES];
            byte[] y = new byte[BUFFER_BYTES];
            while (true) {
                int n = a.readNBytes(x, 0, x.length);
                int m = b.readNBytes(y, 0, y.length);
                sourceDigest.update(x, 0, n);
                receivedDigest.update(y, 0, m);
                for (int i = 0; i < Math.min(n, m); i++) {
                    wrong += x[i] != y[i] ? 1 : 0;
                }
                if (n < x.length || m < y.length) {
                    // Digest whatever is left of the longer one.
                    while ((n = a.read(x)) > 0) {
                        sourceDigest.update(x, 0, n);
                    }
                    while ((m = b.read(y)) > 0) {
                        receivedDigest.update(y, 0, m);
                    }
                    break;
                }
            }
        }
        long receivedLength = Files.size(received);
        boolean identical = Arrays.equals(sourceDigest.digest(), receivedDigest.digest());
        return new FileComparison(Math.max(0, sourceLength - receivedLength), wrong, identical);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
