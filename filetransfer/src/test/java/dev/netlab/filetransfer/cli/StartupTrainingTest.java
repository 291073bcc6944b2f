package dev.netlab.filetransfer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The launcher keeps a start-up cache only from a training run whose every step succeeded. */
class StartupTrainingTest {

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void everyStepOfTheTrainingSucceedsOnLoopback(@TempDir Path work) throws Exception {
        assertThat(StartupTraining.run(work)).as("failed steps").isZero();
        assertThat(work.resolve("downloads/large.bin")).as("the download step's file")
                .hasSameBinaryContentAs(work.resolve("source/large.bin"));
        assertThat(Files.size(work.resolve("inbox/source/small.bin"))).isEqualTo(4 * 1024);
    }
}
