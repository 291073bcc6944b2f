package dev.netlab.filetransfer.engine;

import static dev.netlab.filetransfer.engine.Messages.CHUNK;
import static dev.netlab.filetransfer.engine.Messages.chunk;
import static dev.netlab.filetransfer.engine.Messages.damagedChunk;
import static dev.netlab.filetransfer.engine.Messages.digest;
import static dev.netlab.filetransfer.engine.Messages.eager;
import static dev.netlab.filetransfer.engine.Messages.offer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.common.testing.TestData;
import dev.netlab.filetransfer.protocol.Message;
import dev.netlab.filetransfer.store.PartFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** One arriving file's part file, ledger and digest, without a connection. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class IncomingFileTest {

    private static final byte[] BIG = TestData.randomBytes(5 * CHUNK + 1, 11); // 6 chunks

    @TempDir
    Path root;

    private IncomingFile open(Message.Offer offer) throws IOException {
        IncomingFile file = new IncomingFile(offer, root.resolve(offer.path()));
        file.open();
        return file;
    }

    private static void store(IncomingFile file, byte[] content, int index) throws IOException {
        Message.Chunk c = chunk(file.offer().fileId(), content, index);
        assertThat(file.storeChecked(index, c.data(), c.crc())).isTrue();
    }

    @Test
    void hashesChunksThatArriveInOrderToTheWholeFileDigest() throws IOException {
        IncomingFile file = open(offer(0, "big.bin", BIG));
        for (int i = 0; i < 6; i++) {
            assertThat(file.complete()).isFalse();
            store(file, BIG, i);
        }
        assertThat(file.complete()).as("the digest is still to come").isFalse();
        file.expectDigest(digest(BIG));

        assertThat(file.complete()).isTrue();
        assertThat(file.finishDigest(false, () -> { })).isEqualTo(digest(BIG));
        assertThat(Files.readAllBytes(file.part())).isEqualTo(BIG);
    }

    /** Seeded shuffles of the chunk order, with a damaged copy of one chunk first: the digest is the same. */
    @RepeatedTest(10)
    void computesTheSameDigestWhateverTheChunkOrderAndDamage(RepetitionInfo repetition) throws IOException {
        long seed = repetition.getCurrentRepetition();
        List<Integer> order = new ArrayList<>(List.of(0, 1, 2, 3, 4, 5));
        Collections.shuffle(order, new Random(seed));
        IncomingFile file = open(offer(0, "big.bin", BIG));
        int damaged = order.get((int) (seed % 6));

        for (int index : order) {
            if (index == damaged) {
                Message.Chunk bad = damagedChunk(0, BIG, index);
                assertThat(file.storeChecked(index, bad.data(), bad.crc())).as("seed %d", seed).isFalse();
                assertThat(file.has(index)).isFalse();
            }
            store(file, BIG, index);
        }
        file.expectDigest(digest(BIG));

        assertThat(file.finishDigest(false, () -> { })).as("seed %d, order %s", seed, order).isEqualTo(digest(BIG));
        assertThat(Files.readAllBytes(file.part())).isEqualTo(BIG);
    }

    @Test
    void resumesFromItsLedgerAndCountsTheBytesItAlreadyHeld() throws IOException {
        IncomingFile first = open(offer(0, "big.bin", BIG));
        store(first, BIG, 0);
        store(first, BIG, 5);
        first.closeQuietly();

        IncomingFile second = open(offer(0, "big.bin", BIG));

        assertThat(second.heldRuns()).containsExactly(new Message.ChunkRun(0, 1), new Message.ChunkRun(5, 1));
        assertThat(second.resumedBytes()).isEqualTo(CHUNK + 1);
        assertThat(second.has(5)).isTrue();
        for (int i = 1; i < 5; i++) {
            store(second, BIG, i);
        }
        second.expectDigest(digest(BIG));
        assertThat(second.finishDigest(false, () -> { })).isEqualTo(digest(BIG));
    }

    @Test
    void keepsNoLedgerForASingleChunkFile() throws IOException {
        byte[] small = TestData.randomBytes(100, 12);
        IncomingFile file = open(eager(0, "s.txt", small));
        store(file, small, 0);
        file.expectDigest(digest(small));

        assertThat(file.finishDigest(false, () -> { })).isEqualTo(digest(small));
        assertThat(PartFiles.ledgerFor(file.destination())).doesNotExist();
        assertThat(file.heldRuns()).isEmpty();
    }

    @Test
    void closingKeepsPartAndLedgerAndDiscardingRemovesBoth() throws IOException {
        IncomingFile file = open(offer(0, "big.bin", BIG));
        store(file, BIG, 0);
        file.closeQuietly();
        assertThat(file.part()).exists();
        assertThat(PartFiles.ledgerFor(file.destination())).exists();

        file.discard();

        assertThat(file.part()).doesNotExist();
        assertThat(PartFiles.ledgerFor(file.destination())).doesNotExist();
    }

    @Test
    void countsRetriesAndRemembersADigestFirstRequest() throws IOException {
        IncomingFile file = new IncomingFile(offer(0, "big.bin", BIG), root.resolve("big.bin"));

        assertThat(file.countRetry()).isEqualTo(1);
        assertThat(file.countRetry()).isEqualTo(2);
        assertThat(file.retries()).isEqualTo(2);
        assertThat(file.awaitingDigestFirst()).isFalse();
        file.awaitDigestFirst(true);
        assertThat(file.awaitingDigestFirst()).isTrue();
        assertThat(file.layout().chunkCount()).isEqualTo(6);
        assertThat(file.part()).isEqualTo(root.resolve(".big.bin.nlpart"));
    }
}
