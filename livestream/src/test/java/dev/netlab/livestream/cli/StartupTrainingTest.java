package dev.netlab.livestream.cli;

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
    void theTrainingServesAndPlaysItsToneCleanOnLoopback(@TempDir Path work) throws Exception {
        assertThat(StartupTraining.run(work)).as("failed steps").isZero();
        // exactly the source's length (DESIGN.md); its samples may be concealed on a loaded machine
        assertThat(Files.size(work.resolve("played.wav"))).as("the play step's output")
                .isEqualTo(Files.size(work.resolve("tone.wav")));
    }
}
