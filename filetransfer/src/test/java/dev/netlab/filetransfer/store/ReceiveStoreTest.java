package dev.netlab.filetransfer.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Publishing verified part files under the on-exists policy, claims on destinations, and the free-space check. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ReceiveStoreTest {

    @TempDir
    Path root;

    private Path part(String content) throws IOException {
        return Files.writeString(root.resolve(".f.txt.nlpart"), content);
    }

    @Test
    void publishesUnderTheFinalNameAndLeavesNoPartFile() throws IOException {
        ReceiveStore store = new ReceiveStore(root, OnExists.RENAME, false);

        Path stored = store.publish(part("new"), root.resolve("f.txt"));

        assertThat(stored).isEqualTo(root.resolve("f.txt"));
        assertThat(Files.readString(stored)).isEqualTo("new");
        assertThat(root.resolve(".f.txt.nlpart")).doesNotExist();
    }

    @Test
    void renamesAroundTakenNamesWithoutTouchingThem() throws IOException {
        ReceiveStore store = new ReceiveStore(root, OnExists.RENAME, false);
        Files.writeString(root.resolve("f.txt"), "old");
        Files.writeString(root.resolve("f (1).txt"), "older");

        Path stored = store.publish(part("new"), root.resolve("f.txt"));

        assertThat(stored).isEqualTo(root.resolve("f (2).txt"));
        assertThat(Files.readString(stored)).isEqualTo("new");
        assertThat(Files.readString(root.resolve("f.txt"))).isEqualTo("old");
        assertThat(Files.readString(root.resolve("f (1).txt"))).isEqualTo("older");
    }

    @Test
    void overwritesOnlyWhenTold() throws IOException {
        Files.writeString(root.resolve("f.txt"), "old");

        new ReceiveStore(root, OnExists.OVERWRITE, false).publish(part("new"), root.resolve("f.txt"));

        assertThat(Files.readString(root.resolve("f.txt"))).isEqualTo("new");
    }

    @Test
    void refusesATakenNameUnderFailAndKeepsBothFiles() throws IOException {
        Files.writeString(root.resolve("f.txt"), "old");
        ReceiveStore store = new ReceiveStore(root, OnExists.FAIL, false);
        Path part = part("new");

        assertThatThrownBy(() -> store.publish(part, root.resolve("f.txt")))
                .isInstanceOf(FileAlreadyExistsException.class)
                .hasMessage("f.txt: exists and --on-exists is fail");
        assertThat(Files.readString(root.resolve("f.txt"))).isEqualTo("old");
        assertThat(Files.readString(part)).isEqualTo("new");
    }

    @Test
    void numbersNamesBeforeTheExtensionAndAfterNamesWithout() {
        assertThat(ReceiveStore.numbered(root.resolve("a.tar.gz"), 3)).isEqualTo(root.resolve("a.tar (3).gz"));
        assertThat(ReceiveStore.numbered(root.resolve("README"), 1)).isEqualTo(root.resolve("README (1)"));
        assertThat(ReceiveStore.numbered(root.resolve(".profile"), 1)).isEqualTo(root.resolve(".profile (1)"));
    }

    @Test
    void aClaimWaitsForTheOtherTransferOfTheSameDestinationToLetGo() throws Exception {
        ReceiveStore store = new ReceiveStore(root, OnExists.RENAME, false);
        Path destination = root.resolve("f.txt");
        assertThat(store.claim(destination)).isTrue();
        assertThat(store.claim(root.resolve("g.txt"))).as("another destination is free").isTrue();
        CountDownLatch waiting = new CountDownLatch(1);

        CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(() -> {
            waiting.countDown();
            try {
                return store.claim(destination);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        waiting.await();
        store.release(destination);

        assertThat(second.get(ReceiveStore.CLAIM_WAIT.toSeconds() + 5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void refusesToFillTheDiskBeyondTheReserve() throws IOException {
        ReceiveStore store = new ReceiveStore(root, OnExists.RENAME, false);
        long usable = Files.getFileStore(root).getUsableSpace();

        store.checkFreeSpace(0);
        assertThatThrownBy(() -> store.checkFreeSpace(usable))
                .isInstanceOf(InsufficientSpaceException.class)
                .hasMessageStartingWith("not enough free space: file needs " + usable + " bytes");
    }
}
