package dev.netlab.filetransfer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.bench.DataTrees;
import dev.netlab.bench.Medians;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransferDataTest {

    @TempDir
    Path dir;

    @Test
    void labelsSizesTheWayTheSizeOptionsReadThem() {
        assertThat(TransferData.sizeLabel(1024 * 1024)).isEqualTo("1m");
        assertThat(TransferData.sizeLabel(4096)).isEqualTo("4k");
        assertThat(TransferData.sizeLabel(1L << 30)).isEqualTo("1g");
        assertThat(TransferData.sizeLabel(1000)).isEqualTo("1000");
    }

    @Test
    void aRandomFileHasExactlyTheRequestedSizeAndIsTheSameForTheSameSeed() throws Exception {
        TransferData first = TransferData.randomFile(dir.resolve("a"), 100_001, 3);
        TransferData second = TransferData.randomFile(dir.resolve("b"), 100_001, 3);

        assertThat(first.label()).isEqualTo("100001");
        assertThat(Files.size(first.path())).isEqualTo(100_001);
        assertThat(Files.readAllBytes(first.path())).isEqualTo(Files.readAllBytes(second.path()));
    }

    @Test
    void smallFilesAreSpreadAHundredToAFolder() throws Exception {
        TransferData small = TransferData.smallFiles(dir, 250, 4096, 1);

        assertThat(small.label()).isEqualTo("250x4k");
        assertThat(small.directory()).isTrue();
        assertThat(DataTrees.sizeOf(small.path())).isEqualTo(250L * 4096);
        try (Stream<Path> folders = Files.list(small.path())) {
            assertThat(folders.count()).isEqualTo(3);
        }
    }

    @Test
    void deleteContentsEmptiesAFolderButKeepsIt() throws Exception {
        TransferData small = TransferData.smallFiles(dir, 10, 10, 1);

        DataTrees.deleteContents(dir);

        assertThat(dir).isEmptyDirectory();
        assertThat(small.path()).doesNotExist();
    }

    @Test
    void mediansOfOddAndEvenCounts() {
        assertThat(Medians.of(java.util.List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
        assertThat(Medians.of(java.util.List.of(4.0, 1.0, 2.0, 3.0))).isEqualTo(2.5);
    }
}
