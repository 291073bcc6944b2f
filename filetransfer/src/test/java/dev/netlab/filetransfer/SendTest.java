package dev.netlab.filetransfer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.filetransfer.client.FileClient;
import dev.netlab.filetransfer.client.TransferProgress;
import dev.netlab.filetransfer.client.TransferSummary;
import dev.netlab.filetransfer.engine.FileOutcome;
import dev.netlab.filetransfer.protocol.DigestAlgorithm;
import dev.netlab.filetransfer.protocol.FileStatus;
import dev.netlab.filetransfer.server.FileServer;
import dev.netlab.filetransfer.server.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SendTest {

    private static final int CHUNK = 64 * 1024;

    @TempDir
    Path tmp;

    @Test
    void sendsATreeWithEdgeSizesEmptyDirsAndUnusualNamesByteForByte() throws Exception {
        Path src = tmp.resolve("src/tree");
        Fixtures.randomFile(src.resolve("zero.bin"), 0, 1);
        Fixtures.randomFile(src.resolve("one.bin"), 1, 2);
        Fixtures.randomFile(src.resolve("chunk-minus-one.bin"), CHUNK - 1, 3);
        Fixtures.randomFile(src.resolve("chunk.bin"), CHUNK, 4);
        Fixtures.randomFile(src.resolve("chunk-plus-one.bin"), CHUNK + 1, 5);
        Fixtures.randomFile(src.resolve("sub dir/ünïcødé naïve 文件.bin"), 3 * CHUNK + 17, 6);
        Files.createDirectories(src.resolve("empty/nested-empty"));
        Path dst = Files.createDirectories(tmp.resolve("dst"));

        try (FileServer server = Fixtures.server(ServerConfig.loopback(dst))) {
            TransferSummary summary = new FileClient(Fixtures.clientFor(server).withChunkSize(CHUNK))
                    .send(List.of(src), "", TransferProgress.NONE);

            assertThat(summary.ok()).isTrue();
            assertThat(summary.files()).extracting(FileOutcome::status).containsOnly(FileStatus.VERIFIED);
        }
        assertThat(Fixtures.tree(dst.resolve("tree"))).isEqualTo(Fixtures.tree(src));
    }

    @Test
    void reportsTheSameXxh128DigestAsXxhsum() throws Exception {
        Path src = tmp.resolve("a.txt");
        Files.writeString(src, "a");
        Path dst = Files.createDirectories(tmp.resolve("dst"));
        try (FileServer server = Fixtures.server(ServerConfig.loopback(dst))) {
            TransferSummary summary = new FileClient(Fixtures.clientFor(server)).send(List.of(src), "in", TransferProgress.NONE);

            // xxhsum -H2 of the single byte "a"
            assertThat(summary.files().get(0).digestHex()).isEqualTo("a96faf705af16834e6c632b61e964e1f");
        }
        assertThat(Files.readString(dst.resolve("in/a.txt"))).isEqualTo("a");
    }

    @Test
    void verifiesWithSha256WhenAsked() throws Exception {
        Path src = tmp.resolve("abc.txt");
        Files.writeString(src, "abc");
        Path dst = Files.createDirectories(tmp.resolve("dst"));
        try (FileServer server = Fixtures.server(ServerConfig.loopback(dst))) {
            TransferSummary summary = new FileClient(Fixtures.clientFor(server).withAlgorithm(DigestAlgorithm.SHA256))
                    .send(List.of(src), "", TransferProgress.NONE);

            assertThat(summary.files().get(0).digestHex())
                    .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        }
    }

    @Test
    void recreatesADestinationDirectoryRemovedWhileTheServerRuns() throws Exception {
        Path src = Fixtures.randomFile(tmp.resolve("src/big.bin"), 3 * CHUNK, 21);
        Path dst = Files.createDirectories(tmp.resolve("dst"));
        try (FileServer server = Fixtures.server(ServerConfig.loopback(dst))) {
            FileClient client = new FileClient(Fixtures.clientFor(server).withChunkSize(CHUNK));
            assertThat(client.send(List.of(src), "run", TransferProgress.NONE).ok()).isTrue();
            Files.delete(dst.resolve("run/big.bin"));
            Files.delete(dst.resolve("run"));

            assertThat(client.send(List.of(src), "run", TransferProgress.NONE).ok()).isTrue();
        }
        assertThat(Files.mismatch(src, dst.resolve("run/big.bin"))).isEqualTo(-1);
    }
}
