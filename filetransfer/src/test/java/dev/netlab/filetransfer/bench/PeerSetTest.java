package dev.netlab.filetransfer.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.netlab.common.report.RunReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Real peers on loopback, each where installed (skipped otherwise), moving 1 MiB once. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PeerSetTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Peer.class)
    void eachInstalledPeerMovesAFileAndReportsItInNetlabsSchema(Peer peer) throws Exception {
        assumeTrue(peer.isInstalled(), peer.skipMessage());
        TransferData data = TransferData.randomFile(dir.resolve("data"), 1024 * 1024, 11);
        List<String> notices = new ArrayList<>();
        try (PeerSet peers = PeerSet.start(Set.of(peer), dir.resolve("work"), Duration.ofSeconds(30), notices::add)) {
            assumeTrue(peers.available().contains(peer), () -> String.join("; ", notices));

            RunReport report = peers.transfer(peer, data);

            assertThat(report.tool()).isEqualTo(peer.toolName());
            assertThat(report.params()).containsEntry("data", "1m");
            assertThat(report.result().path("ok").asBoolean()).as(report.result().toString()).isTrue();
            assertThat(report.result().path("bytes").asLong()).isGreaterThanOrEqualTo(1024 * 1024);
            assertThat(report.result().path("outside").path("seconds").asDouble()).isPositive();
            assertThat(dir.resolve("work").resolve(peer.toolName()).resolve("inbox")).isEmptyDirectory();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Peer.class, names = {"RSYNC", "SCP"})
    void treePeersMoveEverySmallFile(Peer peer) throws Exception {
        assumeTrue(peer.isInstalled(), peer.skipMessage());
        TransferData data = TransferData.smallFiles(dir.resolve("data"), 120, 4096, 5);
        List<String> notices = new ArrayList<>();
        try (PeerSet peers = PeerSet.start(Set.of(peer), dir.resolve("work"), Duration.ofSeconds(30), notices::add)) {
            assumeTrue(peers.available().contains(peer), () -> String.join("; ", notices));

            RunReport report = peers.transfer(peer, data);

            assertThat(report.result().path("ok").asBoolean()).as(report.result().toString()).isTrue();
            assertThat(report.result().path("files").asLong()).isEqualTo(120);
        }
    }
}
