package dev.netlab.filetransfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netlab.filetransfer.client.ClientOptions;
import dev.netlab.filetransfer.client.FileClient;
import dev.netlab.filetransfer.client.TransferProgress;
import dev.netlab.filetransfer.client.TransferSummary;
import dev.netlab.filetransfer.demo.FaultyRelay;
import dev.netlab.filetransfer.engine.FileOutcome;
import dev.netlab.filetransfer.protocol.DigestAlgorithm;
import dev.netlab.filetransfer.protocol.ErrorCode;
import dev.netlab.filetransfer.protocol.FileStatus;
import dev.netlab.filetransfer.server.FileServer;
import dev.netlab.filetransfer.server.ServerConfig;
import dev.netlab.filetransfer.store.OnExists;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ResumeTest {

    private static final int CHUNK = 64 * 1024;
    private static final int SIZE = 40 * CHUNK + 123;

    @TempDir
    Path tmp;

    private ClientOptions via(FaultyRelay relay) throws IOException {
        return ClientOptions.defaults("127.0.0.1", relay.port()).withChunkSize(CHUNK);
    }

    private TransferSummary send(FileServer server, Path file) throws Exception {
        return new FileClient(Fixtures.clientFor(server).withChunkSize(CHUNK)).send(List.of(file), "", TransferProgress.NONE);
    }

    /** Sends through a relay that cuts the connection half way: a client killed mid-transfer. */
    private void sendAndGetCut(FileServer server, Path file) throws Exception {
        try (FaultyRelay relay = new FaultyRelay(server.localAddress(), SIZE / 2, Set.of())) {
            assertThatThrownBy(() -> new FileClient(via(relay)).send(List.of(file), "", TransferProgress.NONE))
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void resumesFromTheLastVerifiedChunkAfterTheClientIsCutOff() throws Exception {
        Path src = Fixtures.randomFile(tmp.resolve("src/big.bin"), SIZE, 7);
        Path root = Files.createDirectories(tmp.resolve("root"));
        try (FileServer server = Fixtures.server(ServerConfig.loopback(root))) {
            sendAndGetCut(server, src);
            assertThat(root.resolve("big.bin")).doesNotExist();

            TransferSummary resumed = send(server, src);

            assertThat(resumed.ok()).isTrue();
            assertThat(resumed.resumedBytes()).isGreaterThan(SIZE / 4);
            assertThat(resumed.bytes()).isLessThan(SIZE - SIZE / 4);
        }
        assertThat(Files.mismatch(src, root.resolve("big.bin"))).isEqualTo(-1);
        try (var left = Files.list(root)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("big.bin");
        }
    }

    @Test
    void resumesAfterTheServerIsRestartedMidTransfer() throws Exception {
        Path src = Fixtures.randomFile(tmp.resolve("src/big.bin"), SIZE, 8);
        Path root = Files.createDirectories(tmp.resolve("root"));
        try (FileServer first = Fixtures.server(ServerConfig.loopback(root))) {
            sendAndGetCut(first, src);
        }
        try (FileServer second = Fixtures.server(ServerConfig.loopback(root))) {
            TransferSummary resumed = send(second, src);

            assertThat(resumed.ok()).isTrue();
            assertThat(resumed.resumedBytes()).isGreaterThan(SIZE / 4);
        }
        assertThat(Files.mismatch(src, root.resolve("big.bin"))).isEqualTo(-1);
    }

    @Test
    void startsOverWhenTheSourceChangedSizeSinceTheCut() throws Exception {
        Path src = Fixtures.randomFile(tmp.resolve("src/big.bin"), SIZE, 9);
        Path root = Files.createDirectories(tmp.resolve("root"));
        try (FileServer server = Fixtures.server(ServerConfig.loopback(root))) {
            sendAndGetCut(server, src);
            Fixtures.randomFile(src, SIZE + 1, 10);

            TransferSummary again = send(server, src);

            assertThat(again.ok()).isTrue();
            assertThat(again.resumedBytes()).isZero();
        }
        assertThat(Files.mismatch(src, root.resolve("big.bin"))).isEqualTo(-1);
    }

    @Test
    void neverMixesOldAndNewBytesWhenContentChangedWithSameSizeAndMtime() throws Exception {
        Path src = Fixtures.randomFile(tmp.resolve("src/big.bin"), SIZE, 11);
        FileTime mtime = Files.getLastModifiedTime(src);
        Path root = Files.createDirectories(tmp.resolve("root"));
        try (FileServer server = Fixtures.server(ServerConfig.loopback(root))) {
            sendAndGetCut(server, src);
            try (RandomAccessFile raf = new RandomAccessFile(src.toFile(), "rw")) {
                raf.seek(10);
                raf.write(new byte[] {1, 2, 3, 4, 5});
            }
            Files.setLastModifiedTime(src, mtime);

            TransferSummary again = send(server, src);

            assertThat(again.ok()).isTrue();
        }
        assertThat(Files.mismatch(src, root.resolve("big.bin"))).isEqualTo(-1);
    }

    @Test
    void asksAgainForChunksARelayCorruptedAndStillDeliversTheFileIntact() throws Exception {
        Path src = Fixtures.randomFile(tmp.resolve("src/big.bin"), SIZE, 12);
        Path root = Files.createDirectories(tmp.resolve("root"));
        try (FileServer server = Fixtures.server(ServerConfig.loopback(root));
             FaultyRelay relay = new FaultyRelay(server.localAddress(), Long.MAX_VALUE, Set.of(2, 5, 6))) {
            TransferSummary summary = new FileClient(via(relay)).send(List.of(src), "", TransferProgress.NONE);

            assertThat(summary.ok()).isTrue();
            assertThat(summary.chunksRetransmitted()).isEqualTo(3);
        }
        assertThat(Files.mismatch(src, root.resolve("big.bin"))).isEqualTo(-1);
    }

    @Test
    void aCorruptedChunkOfSeveralCacheSlicesIsAskedForAgainAndTheFileArrivesIntact() throws Exception {
        int chunk = 4 * 256 * 1024; // the receiver checks, writes and hashes it in four slices
        // The last chunk is damaged: its resend is the next chunk in order, so the digest that saw
        // the damaged copy must not go on to take the good one too.
        Path src = Fixtures.randomFile(tmp.resolve("src/big.bin"), 5L * chunk, 16);
        Path root = Files.createDirectories(tmp.resolve("root"));
        try (FileServer server = Fixtures.server(ServerConfig.loopback(root));
             FaultyRelay relay = new FaultyRelay(server.localAddress(), Long.MAX_VALUE, Set.of(5))) {
            TransferSummary summary = new FileClient(via(relay).withChunkSize(chunk))
                    .send(List.of(src), "", TransferProgress.NONE);

            assertThat(summary.ok()).isTrue();
            assertThat(summary.chunksRetransmitted()).isEqualTo(1);
            assertThat(summary.files().get(0).digestHex()).isEqualTo(
                    DigestAlgorithm.hex(DigestAlgorithm.XXH128.digestOf(ByteBuffer.wrap(Files.readAllBytes(src)))));
        }
        assertThat(Files.mismatch(src, root.resolve("big.bin"))).isEqualTo(-1);
    }

    @Test
    void failsAFileWhoseChunksKeepArrivingCorrupted() throws Exception {
        Path src = Fixtures.randomFile(tmp.resolve("src/big.bin"), 4 * CHUNK, 13);
        Path root = Files.createDirectories(tmp.resolve("root"));
        try (FileServer server = Fixtures.server(ServerConfig.loopback(root));
             FaultyRelay relay = new FaultyRelay(server.localAddress(), Long.MAX_VALUE,
                     Set.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16))) {
            TransferSummary summary = new FileClient(via(relay)).send(List.of(src), "", TransferProgress.NONE);

            assertThat(summary.ok()).isFalse();
            assertThat(summary.files().get(0).code()).isEqualTo(ErrorCode.CHUNK_RETRIES_EXHAUSTED);
        }
        assertThat(root.resolve("big.bin")).doesNotExist();
    }

    @Test
    void skipsAFileWhoseIdenticalCopyIsAlreadyThereAndRenamesADifferentOne() throws Exception {
        Path small = Fixtures.randomFile(tmp.resolve("src/small.bin"), 1000, 14);
        Path big = Fixtures.randomFile(tmp.resolve("src/big.bin"), SIZE, 15);
        Path root = Files.createDirectories(tmp.resolve("root"));
        try (FileServer server = Fixtures.server(ServerConfig.loopback(root))) {
            send(server, small);
            send(server, big);

            assertThat(send(server, small).files()).extracting(FileOutcome::status).containsExactly(FileStatus.SKIPPED);
            TransferSummary bigAgain = send(server, big);
            assertThat(bigAgain.files()).extracting(FileOutcome::status).containsExactly(FileStatus.SKIPPED);
            assertThat(bigAgain.bytes()).isZero();

            Fixtures.randomFile(small, 1000, 16);
            TransferSummary changed = send(server, small);
            assertThat(changed.files().get(0).storedAs()).isEqualTo("small (1).bin");
        }
        assertThat(Files.mismatch(small, root.resolve("small (1).bin"))).isEqualTo(-1);
        assertThat(Files.size(root.resolve("small.bin"))).isEqualTo(1000);
    }

    @Test
    void refusesToReplaceADifferentFileWhenOnExistsIsFail() throws Exception {
        Path src = Fixtures.randomFile(tmp.resolve("src/f.bin"), 1000, 17);
        Path root = Files.createDirectories(tmp.resolve("root"));
        Files.writeString(root.resolve("f.bin"), "precious");
        try (FileServer server = Fixtures.server(ServerConfig.loopback(root).withLimits(Long.MAX_VALUE, 100, OnExists.FAIL))) {
            TransferSummary summary = send(server, src);

            assertThat(summary.files().get(0).code()).isEqualTo(ErrorCode.EXISTS);
        }
        assertThat(Files.readString(root.resolve("f.bin"))).isEqualTo("precious");
    }

    @Test
    void resumesADownloadCutHalfWayAndPublishesItOnlyWhenVerified() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Path remote = Fixtures.randomFile(root.resolve("big.bin"), SIZE, 18);
        Path out = Files.createDirectories(tmp.resolve("out"));
        try (FileServer server = Fixtures.server(ServerConfig.loopback(root))) {
            try (FaultyRelay relay = new FaultyRelay(server.localAddress(), SIZE / 2, Set.of())) {
                assertThatThrownBy(() -> new FileClient(via(relay)).get(List.of("big.bin"), out, TransferProgress.NONE))
                        .isInstanceOf(IOException.class);
            }
            assertThat(out.resolve("big.bin")).doesNotExist();

            TransferSummary resumed = new FileClient(Fixtures.clientFor(server).withChunkSize(CHUNK))
                    .get(List.of("big.bin"), out, TransferProgress.NONE);

            assertThat(resumed.ok()).isTrue();
            assertThat(resumed.resumedBytes()).isGreaterThan(SIZE / 4);
        }
        assertThat(Files.mismatch(remote, out.resolve("big.bin"))).isEqualTo(-1);
    }
}
