package dev.netlab.filetransfer.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.common.testing.TestData;
import java.nio.ByteBuffer;
import java.util.HexFormat;
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
}
