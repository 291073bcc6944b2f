package dev.netlab.filetransfer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.common.testing.TestData;
import dev.netlab.filetransfer.cli.FileTransferResult;
import dev.netlab.filetransfer.client.FileClient;
import dev.netlab.filetransfer.client.TransferProgress;
import dev.netlab.filetransfer.client.TransferSummary;
import dev.netlab.filetransfer.engine.FileOutcome;
import dev.netlab.filetransfer.protocol.ErrorCode;
import dev.netlab.filetransfer.server.FileServer;
import dev.netlab.filetransfer.server.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sources that change while they are sent, in both directions: rewritten in two places, written
 * all the time, truncated under the sender's mapping, deleted, appended to. Whatever lands under a
 * final name equals the source as it stands after the run; nothing torn lands; every message is
 * plain. Uploads change the source at an exact chunk (the sender's aboutToRead hook); downloads
 * change the server's file once the client holds a few MiB: the server cannot be further ahead
 * than the socket buffers (at most tens of MiB), far short of the end of the file.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TornSourceTest {

    private static final int MIB = 1024 * 1024;
    /** Uploads: the chunk at which the source is changed, well inside the 24 chunks. */
    private static final int CHANGE_AT_CHUNK = 8;
    private static final long UPLOAD_SIZE = 24L * MIB + 5;
    private static final long DOWNLOAD_SIZE = 64L * MIB + 5;

    @TempDir
    Path tmp;

    private Path root;
    private FileServer server;

    @BeforeEach
    void startServer() throws Exception {
        root = Files.createDirectories(tmp.resolve("root"));
        server = Fixtures.server(ServerConfig.loopback(root));
    }

    @AfterEach
    void stopServer() throws Exception {
        server.close();
    }

    /** A seeded source whose mtime lies in the past, so any write moves it whatever the clock's granularity. */
    private static Path source(Path file, long size, long seed) throws IOException {
        Fixtures.randomFile(file, size, seed);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(3600)));
        return file;
    }

    private static void rewrite(Path file, long offset, int length, long seed) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer data = ByteBuffer.wrap(TestData.randomBytes(length, seed));
            while (data.hasRemaining()) {
                channel.write(data, offset + data.position());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** 1 MiB near the start (already sent) and 1 MiB near the end (not yet sent) get new bytes. */
    private static void rewriteTwoPlaces(Path file, long seed) {
        rewrite(file, MIB, MIB, seed);
        rewrite(file, Math.max(2 * MIB, sizeOf(file) - 3 * MIB), MIB, seed + 1);
    }

    private static void truncate(Path file, long size) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(size);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void append(Path file, int length) {
        try {
            Files.write(file, TestData.randomBytes(length, 99), StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- send ----

    /** Runs {@code change} when chunk CHANGE_AT_CHUNK is about to be read, on the first {@code times} attempts. */
    private TransferSummary sendChangingAt(Path file, int times, Runnable change) throws Exception {
        AtomicInteger changes = new AtomicInteger();
        TransferProgress hook = new TransferProgress() {
            @Override
            public void aboutToRead(int index) {
                if (index == CHANGE_AT_CHUNK && changes.getAndIncrement() < times) {
                    change.run();
                }
            }
        };
        return new FileClient(Fixtures.clientFor(server)).send(List.of(file), "", hook);
    }

    @Test
    void sendStartsAFileRewrittenInTwoPlacesMidSendAgainAndItLandsAsItNowIs() throws Exception {
        Path file = source(tmp.resolve("src/big.bin"), UPLOAD_SIZE, 1);

        TransferSummary summary = sendChangingAt(file, 1, () -> rewriteTwoPlaces(file, 7));

        assertThat(summary.exitCode()).as(summary.toString()).isZero();
        assertThat(summary.filesSentAgain()).isEqualTo(1);
        assertThat(FileTransferResult.of(summary).filesSentAgain()).as("the run report's count").isEqualTo(1);
        assertThat(Files.mismatch(file, root.resolve("big.bin"))).isEqualTo(-1);
    }

    @Test
    void sendFailsAFileThatChangesOnEveryAttemptAndStoresNothing() throws Exception {
        Path file = source(tmp.resolve("src/big.bin"), UPLOAD_SIZE, 2);
        AtomicLong seed = new AtomicLong(100);

        TransferSummary summary = sendChangingAt(file, Integer.MAX_VALUE, () -> rewriteTwoPlaces(file, seed.incrementAndGet()));

        assertThat(summary.exitCode()).isEqualTo(1);
        FileOutcome outcome = summary.files().get(0);
        assertThat(outcome.code()).isEqualTo(ErrorCode.SOURCE_CHANGED);
        assertThat(outcome.message()).isEqualTo("big.bin changed while it was being sent (tried 3 times)");
        assertThat(summary.filesSentAgain()).isEqualTo(2);
        assertThat(Fixtures.names(root)).isEmpty();
    }

    @Test
    void sendSurvivesASourceTruncatedUnderItsMappingAndSendsWhatIsLeft() throws Exception {
        Path file = source(tmp.resolve("src/big.bin"), UPLOAD_SIZE, 3);

        TransferSummary summary = sendChangingAt(file, 1, () -> truncate(file, 5L * MIB + 123));

        assertThat(summary.exitCode()).as(summary.toString()).isZero();
        assertThat(summary.filesSentAgain()).isEqualTo(1);
        assertThat(Files.size(root.resolve("big.bin"))).isEqualTo(5L * MIB + 123);
        assertThat(Files.mismatch(file, root.resolve("big.bin"))).isEqualTo(-1);
    }

    @Test
    void sendFailsASourceDeletedMidSendPlainlyAndStoresNothing() throws Exception {
        Path file = source(tmp.resolve("src/big.bin"), UPLOAD_SIZE, 4);

        TransferSummary summary = sendChangingAt(file, 1, () -> delete(file));

        assertThat(summary.exitCode()).isEqualTo(1);
        assertThat(summary.files().get(0).message()).isEqualTo("big.bin disappeared while it was being sent");
        assertThat(Fixtures.names(root)).isEmpty();
    }

    @Test
    void sendStartsAFileAppendedToMidSendAgainWithItsNewLength() throws Exception {
        Path file = source(tmp.resolve("src/big.bin"), UPLOAD_SIZE, 5);

        TransferSummary summary = sendChangingAt(file, 1, () -> append(file, 3 * MIB + 17));

        assertThat(summary.exitCode()).as(summary.toString()).isZero();
        assertThat(summary.filesSentAgain()).isEqualTo(1);
        assertThat(Files.mismatch(file, root.resolve("big.bin"))).isEqualTo(-1);
        assertThat(Files.size(root.resolve("big.bin"))).isEqualTo(UPLOAD_SIZE + 3 * MIB + 17);
    }

    // ---- get ----

    /** Runs {@code change} each time the client's received bytes cross 4 MiB past a multiple of {@code every}, {@code times} times. */
    private TransferSummary getChangingAfter(Path out, long every, int times, Runnable change) throws Exception {
        AtomicLong received = new AtomicLong();
        AtomicInteger changes = new AtomicInteger();
        TransferProgress hook = new TransferProgress() {
            @Override
            public void advanced(long bytes) {
                long before = received.getAndAdd(bytes);
                long after = before + bytes;
                long mark = (before / every) * every + 4L * MIB;
                if (before < mark && after >= mark && changes.getAndIncrement() < times) {
                    change.run();
                }
            }
        };
        return new FileClient(Fixtures.clientFor(server)).get(List.of("big.bin"), out, hook);
    }

    @Test
    void getStartsADownloadRewrittenInTwoPlacesAgainAndItLandsAsTheServerFileNowIs() throws Exception {
        Path served = source(root.resolve("big.bin"), DOWNLOAD_SIZE, 11);
        Path out = Files.createDirectories(tmp.resolve("out"));

        TransferSummary summary = getChangingAfter(out, Long.MAX_VALUE / 2, 1, () -> rewriteTwoPlaces(served, 17));

        assertThat(summary.exitCode()).as(summary.toString()).isZero();
        assertThat(summary.filesSentAgain()).isEqualTo(1);
        assertThat(Files.mismatch(served, out.resolve("big.bin"))).isEqualTo(-1);
        assertThat(Fixtures.names(out)).containsExactly("big.bin");
    }

    @Test
    void getFailsADownloadThatChangesOnEveryAttemptAndLeavesNothing() throws Exception {
        Path served = source(root.resolve("big.bin"), DOWNLOAD_SIZE, 12);
        Path out = Files.createDirectories(tmp.resolve("out"));
        AtomicLong seed = new AtomicLong(200);

        TransferSummary summary = getChangingAfter(out, 16L * MIB, Integer.MAX_VALUE,
                () -> rewriteTwoPlaces(served, seed.incrementAndGet()));

        assertThat(summary.exitCode()).isEqualTo(1);
        assertThat(summary.files().get(0).message()).isEqualTo("big.bin changed while it was being sent (tried 3 times)");
        assertThat(summary.filesSentAgain()).isEqualTo(2);
        assertThat(Fixtures.names(out)).isEmpty();
    }

    @Test
    void getSurvivesAServerFileTruncatedMidSendAndLandsWhatIsLeft() throws Exception {
        Path served = source(root.resolve("big.bin"), DOWNLOAD_SIZE, 13);
        Path out = Files.createDirectories(tmp.resolve("out"));

        TransferSummary summary = getChangingAfter(out, Long.MAX_VALUE / 2, 1, () -> truncate(served, 2L * MIB + 9));

        assertThat(summary.exitCode()).as(summary.toString()).isZero();
        assertThat(Files.mismatch(served, out.resolve("big.bin"))).isEqualTo(-1);
        assertThat(Files.size(out.resolve("big.bin"))).isEqualTo(2L * MIB + 9);
    }

    @Test
    void getFailsAServerFileDeletedMidSendPlainlyAndLeavesNothing() throws Exception {
        Path served = source(root.resolve("big.bin"), DOWNLOAD_SIZE, 14);
        Path out = Files.createDirectories(tmp.resolve("out"));

        TransferSummary summary = getChangingAfter(out, Long.MAX_VALUE / 2, 1, () -> delete(served));

        assertThat(summary.exitCode()).isEqualTo(1);
        assertThat(summary.files().get(0).message()).isEqualTo("big.bin disappeared while it was being sent");
        assertThat(Fixtures.names(out)).isEmpty();
    }

    @Test
    void getStartsADownloadAppendedToMidSendAgainWithItsNewLength() throws Exception {
        Path served = source(root.resolve("big.bin"), DOWNLOAD_SIZE, 15);
        Path out = Files.createDirectories(tmp.resolve("out"));

        TransferSummary summary = getChangingAfter(out, Long.MAX_VALUE / 2, 1, () -> append(served, 3 * MIB + 1));

        assertThat(summary.exitCode()).as(summary.toString()).isZero();
        assertThat(Files.mismatch(served, out.resolve("big.bin"))).isEqualTo(-1);
    }

}
