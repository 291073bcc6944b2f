package dev.netlab.filetransfer.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.filetransfer.engine.SourceFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamPlannerTest {

    private static final int CHUNK = 1024 * 1024;

    private static SourceFile file(String wirePath, long size) {
        return new SourceFile(Path.of("/src", wirePath), wirePath, false, size, 0);
    }

    private static List<SourceFile> tree(int folders, int filesPerFolder) {
        List<SourceFile> files = new ArrayList<>();
        for (int d = folders - 1; d >= 0; d--) {
            for (int f = 0; f < filesPerFolder; f++) {
                files.add(file(String.format("small/d%03d/f%03d.bin", d, f), 4096));
            }
        }
        return files;
    }

    @Test
    void smallFilesGoInContiguousRunsOfTheTreeSoEachConnectionHasItsOwnFolders() {
        List<List<SourceFile>> lanes = StreamPlanner.spread(tree(10, 10), 2, CHUNK);

        assertThat(lanes).hasSize(2);
        assertThat(lanes.get(0)).hasSize(50).allMatch(f -> f.wirePath().compareTo("small/d005") < 0);
        assertThat(lanes.get(1)).hasSize(50).allMatch(f -> f.wirePath().compareTo("small/d005") > 0);
        assertThat(lanes.get(0)).isSortedAccordingTo((a, b) -> a.wirePath().compareTo(b.wirePath()));
    }

    @Test
    void everyFileTravelsExactlyOnce() {
        List<SourceFile> files = tree(7, 13);
        files.add(file("big.bin", 3L * CHUNK));

        List<SourceFile> planned = StreamPlanner.spread(files, 3, CHUNK).stream().flatMap(List::stream).toList();

        assertThat(planned).containsExactlyInAnyOrderElementsOf(files);
    }

    @Test
    void aLargeFileIsStripedOverEveryConnectionAndTheRestIsSplitByWeight() {
        List<SourceFile> files = new ArrayList<>(tree(4, 1));
        files.add(file("video.bin", 64L * CHUNK));

        List<List<SourceFile>> lanes = StreamPlanner.spread(files, 2, CHUNK);

        assertThat(lanes).hasSize(2);
        for (int k = 0; k < 2; k++) {
            int lane = k;
            assertThat(lanes.get(k)).filteredOn(f -> f.wirePath().equals("video.bin")).singleElement()
                    .satisfies(f -> assertThat(f.stripeIndex()).isEqualTo(lane))
                    .satisfies(f -> assertThat(f.stripeCount()).isEqualTo(2));
        }
        assertThat(lanes.get(0)).filteredOn(f -> !f.striped()).hasSize(2);
        assertThat(lanes.get(1)).filteredOn(f -> !f.striped()).hasSize(2);
    }

    @Test
    void noConnectionIsOpenedWithNothingToSend() {
        List<SourceFile> files = List.of(file("a", 1), file("b", 1), file("c", 900_000));

        List<List<SourceFile>> lanes = StreamPlanner.spread(files, 3, CHUNK);

        assertThat(lanes).isNotEmpty().allSatisfy(lane -> assertThat(lane).isNotEmpty());
    }
}
