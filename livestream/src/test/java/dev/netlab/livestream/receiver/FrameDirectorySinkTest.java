package dev.netlab.livestream.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameDirectorySinkTest {

    @TempDir
    Path dir;

    @Test
    void theFolderHoldsExactlyTheFramesShownWithNoWarmUpOrPartialFilesLeft() throws Exception {
        Path frames = dir.resolve("frames");
        FrameDirectorySink sink = new FrameDirectorySink(frames);
        sink.show(0, new byte[] {1, 2, 3}, false);
        sink.show(1, new byte[] {1, 2, 3}, true);

        try (Stream<Path> files = Files.list(frames)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("frame-00000.jpg", "frame-00001.jpg");
        }
        assertThat(Files.readAllBytes(frames.resolve("frame-00001.jpg"))).containsExactly(1, 2, 3);
    }
}
