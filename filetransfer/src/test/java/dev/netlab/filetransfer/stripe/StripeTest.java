package dev.netlab.filetransfer.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netlab.filetransfer.Fixtures;
import dev.netlab.filetransfer.client.ClientOptions;
import dev.netlab.filetransfer.client.FileClient;
import dev.netlab.filetransfer.client.TransferProgress;
import dev.netlab.filetransfer.client.TransferSummary;
import dev.netlab.filetransfer.demo.FaultyRelay;
import dev.netlab.filetransfer.engine.FileOutcome;
import dev.netlab.filetransfer.protocol.FileStatus;
import dev.netlab.filetransfer.server.FileServer;
import dev.netlab.filetransfer.server.ServerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** One large file spread chunk by chunk over several connections (send --streams). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StripeTest {

    private static final int CHUNK = 64 * 1024;
    private static final int SIZE = 64 * CHUNK + 999;

    @TempDir
    Path tmp;

    private ClientOptions fourStreamsVia(int port) {
        return ClientOptions.defaults("127.0.0.1", port).withChunkSize(CHUNK).withStreams(4);
    }

    @Test
    void carriesChunksOfOneFileOnEveryConnection() throws Exception {
        Path src = Fixtures.randomFile(tmp.resolve("src/big.bin"), SIZE, 31);
        Path root = Files.createDirectories(tmp.resolve("root"));
        try (FileServer server = Fixtures.server(ServerConfig.loopback(root));
             FaultyRelay relay = new FaultyRelay(server.localAddress(), Long.MAX_VALUE, Set.of(2))) {
            // The relay damages the second chunk on each connection: four resends prove four carriers.
            TransferSummary summary = new FileClient(fourStreamsVia(relay.port())).send(List.of(src), "", TransferProgress.NONE);

            assertThat(summary.ok()).isTrue();
            assertThat(summary.files()).extracting(FileOutcome::status).containsExactly(FileStatus.VERIFIED);
            assertThat(summary.chunksRetransmitted()).isEqualTo(4);
        }
        assertThat(Files.mismatch(src, root.resolve("big.bin"))).isEqualTo(-1);
    }

    @Test
    void resumesAStripedFileAfterEveryConnectionWasCutAndSkipsItOnceComplete() throws Exception {
        Path src = Fixtures.randomFile(tmp.resolve("src/big.bin"), SIZE, 32);
        Path root = Files.createDirectories(tmp.resolve("root"));
        try (FileServer server = Fixtures.server(ServerConfig.loopback(root))) {
            try (FaultyRelay relay = new FaultyRelay(server.localAddress(), SIZE / 8, Set.of())) {
                assertThatThrownBy(() -> new FileClient(fourStreamsVia(relay.port())).send(List.of(src), "", TransferProgress.NONE))
                        .isInstanceOf(IOException.class);
            }
            assertThat(root.resolve("big.bin")).doesNotExist();

            int port = server.localAddress().getPort();
            TransferSummary resumed = new FileClient(fourStreamsVia(port)).send(List.of(src), "", TransferProgress.NONE);
            TransferSummary again = new FileClient(fourStreamsVia(port)).send(List.of(src), "", TransferProgress.NONE);

            assertThat(resumed.ok()).as("%s", resumed.files()).isTrue();
            assertThat(resumed.resumedBytes()).isGreaterThan(0);
            assertThat(again.files()).as("%s", again.files()).extracting(FileOutcome::status)
                    .containsExactly(FileStatus.SKIPPED);
        }
        assertThat(Files.mismatch(src, root.resolve("big.bin"))).isEqualTo(-1);
        try (var left = Files.list(root)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("big.bin");
        }
    }
}
