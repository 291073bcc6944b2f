package dev.netlab.lab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.common.testing.CommandRun;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code lab run}'s refusals: one line each, exit 2, before any namespace is made. */
@Timeout(20)
class RunCommandTest {

    @TempDir
    Path dir;

    @Test
    void helpNamesTheDefaultsAndWarnsOfNothing() {
        // picocli warns of a bad format string on System.err itself, past the command's writers.
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        PrintStream err = System.err;
        System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
        CommandRun.Result run;
        try {
            run = CommandRun.run(new LabCli(), "run", "--help");
        } finally {
            System.setErr(err);
        }
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Default: 0%,1%,5%,10%,", "Default: 20m.", "Default: 5s.", "Default: 25s.", "Default: lab-results.");
        assertThat(run.err()).isEmpty();
        assertThat(warnings.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void refusesALossRateOverOneHundredPercent() {
        CommandRun.Result run = CommandRun.run(new LabCli(), "run", "--loss", "5%,150%", "--out", dir.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: ").contains("'150%' is not a percentage between 0% and 100%")
                .hasLineCount(1);
    }

    @Test
    void refusesAMissingAudioFile() {
        Path missing = dir.resolve("missing.wav");
        CommandRun.Result run = CommandRun.run(new LabCli(), "run", "--audio", missing.toString(), "--out", dir.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("error: --audio " + missing + ": no such file" + System.lineSeparator());
    }

    @Test
    void refusesAnEmptyFile() {
        CommandRun.Result run = CommandRun.run(new LabCli(), "run", "--file-size", "0", "--audio",
                Path.of("..", "samples", "media", "sample.wav").toString(), "--out", dir.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("error: --file-size, --audio-duration and --file-time-limit must be positive"
                + System.lineSeparator());
    }
}
