package dev.netlab.filetransfer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.filetransfer.client.FileClient;
import dev.netlab.filetransfer.client.TransferProgress;
import dev.netlab.filetransfer.client.TransferSummary;
import dev.netlab.filetransfer.server.FileServer;
import dev.netlab.filetransfer.server.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ConcurrencyTest {

    @TempDir
    Path tmp;

    @Test
    void servesTwentyClientsAtOnceEachFileIntact() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        List<Path> sources = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Path dir = tmp.resolve("src/client" + i);
            Fixtures.randomFile(dir.resolve("big.bin"), 3 * 1024 * 1024 + i, i);
            for (int j = 0; j < 20; j++) {
                Fixtures.randomFile(dir.resolve("small/" + j + ".txt"), 100 + j, 1000L * i + j);
            }
            sources.add(dir);
        }
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try (FileServer server = Fixtures.server(ServerConfig.loopback(root))) {
            List<Future<TransferSummary>> results = new ArrayList<>();
            for (Path dir : sources) {
                results.add(pool.submit(() -> new FileClient(Fixtures.clientFor(server)).send(List.of(dir), "", TransferProgress.NONE)));
            }
            for (Future<TransferSummary> result : results) {
                assertThat(result.get().ok()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(Fixtures.tree(root)).isEqualTo(Fixtures.tree(tmp.resolve("src")));
    }

    @Test
    void sendsAFewHundredMebibyteFileAndSpreadsATreeOverFourStreams() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Path big = Fixtures.randomFile(tmp.resolve("src/tree/big.bin"), 300L * 1024 * 1024 + 7, 42);
        for (int j = 0; j < 30; j++) {
            Fixtures.randomFile(tmp.resolve("src/tree/part" + (j % 3) + "/" + j + ".bin"), 70_000L * j, j);
        }
        try (FileServer server = Fixtures.server(ServerConfig.loopback(root))) {
            TransferSummary summary = new FileClient(Fixtures.clientFor(server).withStreams(4))
                    .send(List.of(tmp.resolve("src/tree")), "", TransferProgress.NONE);

            assertThat(summary.ok()).isTrue();
            assertThat(summary.files()).hasSize(31);
        }
        assertThat(Files.mismatch(big, root.resolve("tree/big.bin"))).isEqualTo(-1);
        assertThat(Fixtures.tree(root.resolve("tree"))).isEqualTo(Fixtures.tree(tmp.resolve("src/tree")));
    }
}
