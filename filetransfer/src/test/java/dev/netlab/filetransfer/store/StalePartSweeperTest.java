package dev.netlab.filetransfer.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class StalePartSweeperTest {

    @TempDir
    Path root;

    private Path aged(Path file, Duration age) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "part");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(age)));
        return file;
    }

    @Test
    void removesPartFilesAndLedgersUntouchedForADayAndNothingElse() throws Exception {
        ReceiveStore store = new ReceiveStore(root, OnExists.RENAME, false);
        Path stalePart = aged(root.resolve("a/.old.bin.nlpart"), Duration.ofHours(25));
        Path staleLedger = aged(root.resolve("a/.old.bin.nlpart.ledger"), Duration.ofHours(25));
        Path freshPart = aged(root.resolve(".new.bin.nlpart"), Duration.ofHours(23));
        Path oldUserFile = aged(root.resolve("old.bin"), Duration.ofDays(400));
        Path inUse = aged(root.resolve(".busy.bin.nlpart"), Duration.ofHours(30));
        assertThat(store.claim(root.resolve("busy.bin"))).isTrue();

        int removed = new StalePartSweeper(store).sweep();

        assertThat(removed).isEqualTo(2);
        assertThat(stalePart).doesNotExist();
        assertThat(staleLedger).doesNotExist();
        assertThat(freshPart).exists();
        assertThat(oldUserFile).exists();
        assertThat(inUse).as("a transfer holds it right now").exists();
    }
}
