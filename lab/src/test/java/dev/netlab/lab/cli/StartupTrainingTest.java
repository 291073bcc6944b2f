package dev.netlab.lab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** bin/lab keeps a start-up cache only from a training run that did what a lab run does. */
@Timeout(60)
class StartupTrainingTest {

    @TempDir
    Path work;

    @Test
    void everyStepOfTheTrainingSucceedsOnLoopback() throws Exception {
        System.setProperty("java.awt.headless", "true");
        assertThat(StartupTraining.run(work)).isZero();
    }
}
