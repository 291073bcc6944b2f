package dev.netlab.filetransfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.netlab.common.testing.CommandRun;
import dev.netlab.filetransfer.cli.FiletransferCli;
import dev.netlab.filetransfer.client.FileClient;
import dev.netlab.filetransfer.client.TransferProgress;
import dev.netlab.filetransfer.client.TransferSummary;
import dev.netlab.filetransfer.engine.FileOutcome;
import dev.netlab.filetransfer.protocol.ErrorCode;
import dev.netlab.filetransfer.protocol.FileStatus;
import dev.netlab.filetransfer.server.FileServer;
import dev.netlab.filetransfer.server.ServerConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server on a small disk of its own: a 64 MiB tmpfs the test mounts (as root) and unmounts.
 * Files that cannot fit are refused before a byte is written, for every file, and a write that
 * fails because someone else filled the disk ends that file plainly, leaves no debris and does
 * not stop the server.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DiskSpaceTest {

    private static final long MIB = 1024 * 1024;

    @TempDir
    Path tmp;

    private Path disk;
    private boolean mounted;

    @BeforeEach
    void mountSmallDisk() throws Exception {
        assumeTrue(((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0,
                "mounting a 64 MiB tmpfs needs root");
        disk = Files.createDirectories(tmp.resolve("disk"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", disk.toString())
                .redirectErrorStream(true).start();
        String output = new String(mount.getInputStream().readAllBytes());
        assumeTrue(mount.waitFor() == 0, "could not mount a tmpfs (no CAP_SYS_ADMIN?): " + output);
        mounted = true;
    }

    @AfterEach
    void unmount() throws Exception {
        if (mounted) {
            assertThat(new ProcessBuilder("umount", disk.toString()).inheritIO().start().waitFor()).isZero();
        }
    }

    @Test
    void refusesEachFileThatCannotFitBeforeWritingAByteAndTakesTheOnesThatFit() throws Exception {
        Path f100 = Fixtures.randomFile(tmp.resolve("src/f100.bin"), 100 * MIB, 1);
        Path f40 = Fixtures.randomFile(tmp.resolve("src/f40.bin"), 40 * MIB, 2);
        Path f30 = Fixtures.randomFile(tmp.resolve("src/f30.bin"), 30 * MIB, 3);
        try (FileServer server = Fixtures.server(ServerConfig.loopback(disk))) {
            String target = "127.0.0.1:" + server.localAddress().getPort();

            CommandRun.Result big = CommandRun.run(new FiletransferCli(), "send", target, f100.toString(), "--no-progress");
            assertThat(big.exitCode()).as(big.err()).isEqualTo(1);
            assertThat(big.err()).contains("failed: f100.bin: not enough free space: file needs 104857600 bytes plus a reserve of");
            assertThat(Fixtures.names(disk)).isEmpty();

            CommandRun.Result fits = CommandRun.run(new FiletransferCli(), "send", target, f40.toString(), "--no-progress");
            assertThat(fits.exitCode()).as(fits.err()).isZero();
            assertThat(Files.mismatch(f40, disk.resolve("f40.bin"))).isEqualTo(-1);

            CommandRun.Result late = CommandRun.run(new FiletransferCli(), "send", target, f30.toString(), "--no-progress");
            assertThat(late.exitCode()).as(late.err()).isEqualTo(1);
            assertThat(late.err()).contains("failed: f30.bin: not enough free space: file needs 31457280 bytes plus a reserve of");
            assertThat(late.err()).doesNotContain("java.", "Exception");
            assertThat(Fixtures.names(disk)).containsExactly("f40.bin");
        }
    }

    @Test
    void aWriteThatFailsForSpaceEndsThatFilePlainlyRemovesItsPartAndTheServerGoesOn() throws Exception {
        Path f30 = Fixtures.randomFile(tmp.resolve("src/f30.bin"), 30 * MIB, 4);
        Path filler = disk.resolve("someone-else.bin");
        AtomicLong sent = new AtomicLong();
        AtomicBoolean filled = new AtomicBoolean();
        TransferProgress fillAfterEightMebibytes = new TransferProgress() {
            @Override
            public void advanced(long bytes) {
                if (sent.addAndGet(bytes) >= 8 * MIB && !filled.getAndSet(true)) {
                    fillDisk(filler);
                }
            }
        };
        try (FileServer server = Fixtures.server(ServerConfig.loopback(disk))) {
            TransferSummary summary = new FileClient(Fixtures.clientFor(server))
                    .send(List.of(f30), "", fillAfterEightMebibytes);

            assertThat(filled).isTrue();
            assertThat(summary.exitCode()).isEqualTo(1);
            FileOutcome outcome = summary.files().get(0);
            assertThat(outcome.status()).isEqualTo(FileStatus.FAILED);
            assertThat(outcome.code()).isEqualTo(ErrorCode.NO_SPACE);
            assertThat(outcome.message()).matches("the server's disk is full: cannot write f30\\.bin \\(\\d+ bytes free\\)");
            assertThat(Fixtures.names(disk)).as("below the reserve the part file and its ledger go").containsExactly("someone-else.bin");

            Files.delete(filler);
            Path next = Files.writeString(tmp.resolve("next.txt"), "the server goes on");
            CommandRun.Result after = CommandRun.run(new FiletransferCli(), "send",
                    "127.0.0.1:" + server.localAddress().getPort(), next.toString(), "--no-progress");
            assertThat(after.exitCode()).as(after.err()).isZero();
            assertThat(Files.readString(disk.resolve("next.txt"))).isEqualTo("the server goes on");
        }
    }

    /** Another writer: appends until the disk says it is full. */
    private static void fillDisk(Path filler) {
        byte[] block = new byte[1024 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left on device")) {
                throw new UncheckedIOException(full);
            }
        }
    }

}
