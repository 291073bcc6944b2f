package dev.netlab.filetransfer.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.netlab.common.testing.TestData;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DigestAlgorithmTest {

    @ParameterizedTest
    @CsvSource({
        "'', 99aa06d3014798d86001c324468d497f",
        "a, a96faf705af16834e6c632b61e964e1f",
    })
    void matchesXxhsumH2(String input, String expected) {
        assertThat(DigestAlgorithm.hex(DigestAlgorithm.XXH128.digestOf(ByteBuffer.wrap(input.getBytes())))).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 16, 17, 128, 129, 240, 241, 1024, 65535, 65536, 65537, 300_001})
    void oneCallStreamingAndDirectBuffersAgreeAtEverySizeBoundary(int size) {
        byte[] bytes = TestData.randomBytes(size, size);
        for (DigestAlgorithm algorithm : DigestAlgorithm.values()) {
            DigestAlgorithm.StreamingDigest streaming = algorithm.newDigest();
            for (int offset = 0; offset < size; offset += 7777) {
                streaming.update(bytes, offset, Math.min(7777, size - offset));
            }
            ByteBuffer direct = ByteBuffer.allocateDirect(Math.max(1, size)).put(bytes).flip();
            String expected = HexFormat.of().formatHex(streaming.finish());

            assertThat(HexFormat.of().formatHex(algorithm.digestOf(ByteBuffer.wrap(bytes)))).isEqualTo(expected);
            assertThat(HexFormat.of().formatHex(algorithm.digestOf(direct))).isEqualTo(expected);
        }
    }

    /**
     * The sender hashes slices of a mapped chunk and the receiver slices of its receive buffer, in
     * place: a direct buffer read from any position, in any byte order, in any slicing, must give
     * what {@code xxhsum -H2} prints for the file.
     */
    @Test
    @Timeout(30)
    void directBufferSlicesFromAnyPositionMatchXxhsum(@TempDir Path dir) throws Exception {
        Path xxhsum = Path.of("/usr/bin/xxhsum");
        assumeTrue(Files.isExecutable(xxhsum), "xxhsum not installed (apt-get install xxhash)");
        int size = 1_000_003;
        byte[] bytes = TestData.randomBytes(size, 14);
        Path file = Files.write(dir.resolve("data.bin"), bytes);
        Process process = new ProcessBuilder(xxhsum.toString(), "-H2", file.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start(); // stderr: a progress line
        String expected = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).split(" ")[0];
        assertThat(process.waitFor()).isZero();

        int lead = 13;
        ByteBuffer direct = ByteBuffer.allocateDirect(lead + size).order(ByteOrder.BIG_ENDIAN);
        direct.position(lead).put(bytes).position(lead);
        DigestAlgorithm.StreamingDigest digest = DigestAlgorithm.XXH128.newDigest();
        for (int from = lead, step = 1; from < lead + size; from += step, step = step * 3 + 1) {
            ByteBuffer slice = direct.duplicate().position(from).limit(Math.min(lead + size, from + step));
            digest.update(slice);
            assertThat(slice.hasRemaining()).as("slice consumed").isFalse();
        }

        assertThat(DigestAlgorithm.hex(digest.finish())).isEqualTo(expected);
    }
}
