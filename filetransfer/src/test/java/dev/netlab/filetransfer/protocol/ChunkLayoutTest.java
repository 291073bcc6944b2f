package dev.netlab.filetransfer.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ChunkLayoutTest {

    @ParameterizedTest(name = "{0} bytes in chunks of {1}: {2} chunks, the last {3} bytes")
    @CsvSource({
            "0, 65536, 0, 0",
            "1, 65536, 1, 1",
            "65535, 65536, 1, 65535",
            "65536, 65536, 1, 65536",
            "65537, 65536, 2, 1",
            "1048576, 65536, 16, 65536",
            "1048583, 65536, 17, 7"})
    void cutsAFileIntoChunksWhoseLengthsAddUpToItsSize(long size, int chunkSize, int count, int lastLength) {
        ChunkLayout layout = new ChunkLayout(size, chunkSize);

        assertThat(layout.chunkCount()).isEqualTo(count);
        long total = 0;
        for (int i = 0; i < count; i++) {
            assertThat(layout.offset(i)).isEqualTo(total);
            total += layout.length(i);
        }
        assertThat(total).isEqualTo(size);
        if (count > 0) {
            assertThat(layout.length(count - 1)).isEqualTo(lastLength);
        }
        assertThat(layout.singleChunk()).isEqualTo(size <= chunkSize);
    }

    @Test
    void keepsTheRequestedChunkSizeWhileTheFileFitsTheChunkCap() {
        long size = (long) TransferProtocol.MAX_CHUNKS_PER_FILE * 65536;

        assertThat(ChunkLayout.of(size, 65536).chunkSize()).isEqualTo(65536);
        assertThat(ChunkLayout.of(size + 1, 65536).chunkSize()).isEqualTo(131072);
    }

    @Test
    void growsChunksOfAHugeFileSoItStaysWithinTheChunkCapUpToTheLargestChunk() {
        ChunkLayout terabyte = ChunkLayout.of(1L << 40, TransferProtocol.DEFAULT_CHUNK_SIZE);
        assertThat(terabyte.chunkCountLong()).isLessThanOrEqualTo(TransferProtocol.MAX_CHUNKS_PER_FILE);

        ChunkLayout beyond = ChunkLayout.of(Long.MAX_VALUE / 2, TransferProtocol.MIN_CHUNK_SIZE);
        assertThat(beyond.chunkSize()).isEqualTo(TransferProtocol.MAX_CHUNK_SIZE);
        assertThat(beyond.chunkCountLong()).isGreaterThan(TransferProtocol.MAX_CHUNKS_PER_FILE);
    }

    @Test
    void refusesANegativeSizeOrAChunkSizeBelowOne() {
        assertThatThrownBy(() -> new ChunkLayout(-1, 65536)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("size -1, chunk size 65536");
        assertThatThrownBy(() -> new ChunkLayout(1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("size 1, chunk size 0");
    }
}
