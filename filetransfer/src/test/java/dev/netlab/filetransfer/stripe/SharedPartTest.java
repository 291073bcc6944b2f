package dev.netlab.filetransfer.stripe;

import static dev.netlab.filetransfer.engine.Messages.CHUNK;
import static dev.netlab.filetransfer.engine.Messages.chunk;
import static dev.netlab.filetransfer.engine.Messages.digest;
import static dev.netlab.filetransfer.engine.Messages.stripe;
import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.common.testing.TestData;
import dev.netlab.filetransfer.engine.IncomingFile;
import dev.netlab.filetransfer.protocol.ErrorCode;
import dev.netlab.filetransfer.protocol.FileStatus;
import dev.netlab.filetransfer.protocol.Message;
import dev.netlab.filetransfer.store.OnExists;
import dev.netlab.filetransfer.store.ReceiveStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** One file's part shared by the connections of its stripes. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class SharedPartTest {

    private static final byte[] BIG = TestData.randomBytes(3 * CHUNK + 100, 41);

    @TempDir
    Path root;

    private SharedPart part(Message.Offer first) throws IOException {
        IncomingFile file = new IncomingFile(first, root.resolve(first.path()));
        file.open();
        return new SharedPart(file);
    }

    private static void store(SharedPart part, int index) throws IOException {
        part.store(index, chunk(0, BIG, index).data());
    }

    @Test
    void takesEachStripeOnceAndOnlyForTheSameSource() throws IOException {
        Message.Offer first = stripe(0, "big.bin", BIG, 0, 2);
        SharedPart part = part(first);

        assertThat(part.join(first)).isTrue();
        assertThat(part.join(stripe(3, "big.bin", BIG, 0, 2))).as("stripe 0 again").isFalse();
        assertThat(part.join(stripe(3, "big.bin", BIG, 1, 3))).as("another stripe count").isFalse();
        assertThat(part.join(stripe(3, "big.bin", new byte[BIG.length - 1], 1, 2))).as("another size").isFalse();
        assertThat(part.join(stripe(3, "big.bin", BIG, 1, 2))).isTrue();
        assertThat(part.leave()).isFalse();
        assertThat(part.leave()).as("the last connection left").isTrue();
    }

    @Test
    void givesNoVerdictUntilEveryChunkAndTheDigestAreInThenPublishesOnce() throws IOException {
        ReceiveStore store = new ReceiveStore(root, OnExists.RENAME, false);
        Files.write(root.resolve("big.bin"), new byte[7]);
        SharedPart part = part(stripe(0, "big.bin", BIG, 0, 2));
        store(part, 0);
        store(part, 1);
        store(part, 2);
        assertThat(part.finishIfComplete(store, () -> { })).isNull();
        store(part, 3);
        assertThat(part.finishIfComplete(store, () -> { })).as("the digest is missing").isNull();

        part.digest(digest(BIG));
        SharedPart.Verdict verdict = part.finishIfComplete(store, () -> { });

        assertThat(verdict.status()).isEqualTo(FileStatus.VERIFIED);
        assertThat(verdict.storedAs()).isEqualTo("big (1).bin");
        assertThat(verdict.digest()).isEqualTo(digest(BIG));
        assertThat(part.finishIfComplete(store, () -> { })).isSameAs(verdict);
        assertThat(Files.readAllBytes(root.resolve("big (1).bin"))).isEqualTo(BIG);
        assertThat(part.join(stripe(5, "big.bin", BIG, 1, 2))).as("a finished file takes no stripe").isFalse();
    }

    @Test
    void aPartMadeAfterTheLastConnectionLeftTakesTheDigestStripeZeroBroughtToTheEarlierOne() throws IOException {
        ReceiveStore store = new ReceiveStore(root, OnExists.RENAME, false);
        Message.Offer stripeZero = stripe(0, "big.bin", BIG, 0, 2);
        SharedPart early = part(stripeZero);
        assertThat(early.join(stripeZero)).isTrue();
        store(early, 0);
        store(early, 2);
        early.digest(digest(BIG));
        assertThat(early.finishIfComplete(store, () -> { })).isNull();
        assertThat(early.leave()).isTrue();

        SharedPart late = part(stripe(1, "big.bin", BIG, 1, 2));
        store(late, 1);
        store(late, 3);
        SharedPart.Verdict verdict = late.finishIfComplete(store, () -> { });

        assertThat(verdict.status()).isEqualTo(FileStatus.VERIFIED);
        assertThat(verdict.digest()).isEqualTo(digest(BIG));
        assertThat(Files.readAllBytes(root.resolve("big.bin"))).isEqualTo(BIG);
    }

    @Test
    void skipsTheFileWhenAnIdenticalOneIsAlreadyThere() throws IOException {
        ReceiveStore store = new ReceiveStore(root, OnExists.RENAME, false);
        Files.write(root.resolve("big.bin"), BIG);
        SharedPart part = part(stripe(0, "big.bin", BIG, 0, 2));
        for (int i = 0; i < 4; i++) {
            store(part, i);
        }
        part.digest(digest(BIG));

        SharedPart.Verdict verdict = part.finishIfComplete(store, () -> { });

        assertThat(verdict.status()).isEqualTo(FileStatus.SKIPPED);
        assertThat(verdict.text()).isEqualTo("identical file already present");
        assertThat(root.resolve(".big.bin.nlpart")).doesNotExist();
    }

    @Test
    void failsADigestMismatchAndDiscardsThePartFile() throws IOException {
        ReceiveStore store = new ReceiveStore(root, OnExists.RENAME, false);
        SharedPart part = part(stripe(0, "big.bin", BIG, 0, 2));
        for (int i = 0; i < 4; i++) {
            store(part, i);
        }
        part.digest(digest(new byte[1]));

        SharedPart.Verdict verdict = part.finishIfComplete(store, () -> { });

        assertThat(verdict.status()).isEqualTo(FileStatus.FAILED);
        assertThat(verdict.code()).isEqualTo(ErrorCode.DIGEST_MISMATCH);
        assertThat(root.resolve(".big.bin.nlpart")).doesNotExist();
        assertThat(root.resolve("big.bin")).doesNotExist();
    }
}
