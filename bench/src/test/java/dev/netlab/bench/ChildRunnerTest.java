package dev.netlab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netlab.common.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ChildRunnerTest {

    @TempDir
    Path dir;

    @Test
    void capturesExitCodeStdoutAndStderrOfAChild() throws Exception {
        ChildRun run = ChildRunner.run(ChildCommand.of("sh", "-c", "echo out; echo first >&2; echo why >&2; exit 3"));

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.stdout()).isEqualTo("out\n");
        assertThat(run.lastErrorLine()).isEqualTo("why");
        assertThat(run.seconds()).isPositive();
    }

    @Test
    void runOkTurnsANonZeroExitIntoAnErrorNamingTheCommandAndItsLastWord() {
        assertThatThrownBy(() -> ChildRunner.runOk(ChildCommand.of("sh", "-c", "echo broken pipe >&2; exit 4")))
                .isInstanceOf(ChildFailedException.class)
                .hasMessage("`sh -c echo broken pipe >&2; exit 4` exited with code 4: broken pipe");
    }

    @Test
    void feedsStdinFromAFileAndWritesStdoutToAFileByteForByte() throws Exception {
        Path source = TestData.randomFile(dir.resolve("in.bin"), 300_000, 7);
        Path copy = dir.resolve("out.bin");

        ChildRun run = ChildRunner.runOk(ChildCommand.of("cat").withStdinFrom(source).withStdoutTo(copy));

        assertThat(run.stdout()).isEmpty();
        assertThat(Files.readAllBytes(copy)).isEqualTo(Files.readAllBytes(source));
    }

    @Test
    void killsAChildThatOutlivesItsTimeoutAndLeavesNoProcessBehind() throws Exception {
        Path pidFile = dir.resolve("pid");
        ChildCommand sleeper = ChildCommand.of("sh", "-c", "echo $$ > " + pidFile + "; exec sleep 30")
                .withTimeout(Duration.ofMillis(500));

        assertThatThrownBy(() -> ChildRunner.run(sleeper))
                .isInstanceOf(ChildFailedException.class)
                .hasMessageEndingWith("did not finish within 500 ms and was killed");
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isIn(java.util.Optional.empty(),
                java.util.Optional.of(false));
    }

    @Test
    void aProgramThatDoesNotExistIsReportedByName() {
        assertThatThrownBy(() -> ChildRunner.run(ChildCommand.of("no-such-program-netlab")))
                .isInstanceOf(ChildFailedException.class)
                .hasMessageStartingWith("could not start `no-such-program-netlab`");
    }
}
