package dev.netlab.filetransfer.engine;

import static dev.netlab.filetransfer.engine.Messages.CHUNK;
import static dev.netlab.filetransfer.engine.Messages.chunk;
import static dev.netlab.filetransfer.engine.Messages.damagedChunk;
import static dev.netlab.filetransfer.engine.Messages.eager;
import static dev.netlab.filetransfer.engine.Messages.end;
import static dev.netlab.filetransfer.engine.Messages.hex;
import static dev.netlab.filetransfer.engine.Messages.offer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netlab.common.frame.ProtocolViolationException;
import dev.netlab.common.testing.TestData;
import dev.netlab.filetransfer.protocol.ErrorCode;
import dev.netlab.filetransfer.protocol.FileStatus;
import dev.netlab.filetransfer.protocol.Message;
import dev.netlab.filetransfer.store.OnExists;
import dev.netlab.filetransfer.store.PartFiles;
import dev.netlab.filetransfer.store.ReceiveStore;
import dev.netlab.filetransfer.stripe.StripeAssembler;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The receiving side of the protocol without a socket: messages go in as a sender would send
 * them, the replies come out of an in-memory {@link WireTap}, and the files land in a temporary
 * directory. Each message order the protocol allows has a test.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class FileReceiverTest {

    /** Four chunks, the last one short. */
    private static final byte[] BIG = TestData.randomBytes(3 * CHUNK + 100, 1);
    private static final byte[] OTHER_BIG = TestData.randomBytes(3 * CHUNK + 100, 2);
    private static final byte[] SMALL = TestData.randomBytes(5000, 3);

    @TempDir
    Path root;

    private final WireTap wire = new WireTap();
    private final List<FileOutcome> outcomes = new ArrayList<>();
    private final ReceiverEvents events = new ReceiverEvents() {
        @Override
        public void fileFinished(FileOutcome outcome) {
            outcomes.add(outcome);
        }
    };

    private FileReceiver receiver(OnExists onExists) throws IOException {
        return new FileReceiver(new ReceiveStore(root, onExists, false), wire.writer(), FileReceiver.Limits.NONE,
                events, StripeAssembler.NOT_SERVED);
    }

    private FileReceiver receiver() throws IOException {
        return receiver(OnExists.RENAME);
    }

    private static void sendChunks(FileReceiver receiver, int id, byte[] content, int... indexes) throws IOException {
        for (int index : indexes) {
            receiver.onChunk(chunk(id, content, index));
        }
    }

    private static String verified(int id, byte[] content) {
        return verified(id, content, 0, "");
    }

    private static String verified(int id, byte[] content, long resumed, String storedAs) {
        return "RESULT " + id + " VERIFIED NONE resumed=" + resumed + " digest=" + hex(content) + " stored-as='" + storedAs + "' ''";
    }

    /** Every name under the root, part files and ledgers included. */
    private List<String> names() throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(p -> !p.equals(root)).map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void storesPipelinedEagerFilesWithoutAPlanAndAnswersEachWithItsDigest() throws IOException {
        byte[] empty = new byte[0];
        try (FileReceiver receiver = receiver()) {
            receiver.onOffer(eager(0, "a.txt", SMALL));
            receiver.onChunk(chunk(0, SMALL, 0));
            receiver.onOffer(eager(1, "sub/empty.txt", empty));
        }

        assertThat(wire.take()).containsExactly(verified(0, SMALL), verified(1, empty));
        assertThat(Files.readAllBytes(root.resolve("a.txt"))).isEqualTo(SMALL);
        assertThat(Files.readAllBytes(root.resolve("sub/empty.txt"))).isEmpty();
        assertThat(outcomes).extracting(FileOutcome::path, FileOutcome::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a.txt", FileStatus.VERIFIED),
                        org.assertj.core.groups.Tuple.tuple("sub/empty.txt", FileStatus.VERIFIED));
    }

    @Test
    void plansStoresAndVerifiesAMultiChunkFileLeavingNoPartFileBehind() throws IOException {
        assertStoresTheFileFromScratch();

        assertThat(outcomes).singleElement().satisfies(o -> {
            assertThat(o.digestHex()).isEqualTo(hex(BIG));
            assertThat(o.storedAs()).isNull();
        });
    }

    @Test
    void verifiesAFileWhoseChunksArriveOutOfOrder() throws IOException {
        try (FileReceiver receiver = receiver()) {
            receiver.onOffer(offer(0, "big.bin", BIG));
            sendChunks(receiver, 0, BIG, 3, 1, 0, 2);
            receiver.onEnd(end(0, BIG));

            assertThat(wire.take()).containsExactly("PLAN 0 SEND held=[]", verified(0, BIG));
        }
        assertThat(Files.readAllBytes(root.resolve("big.bin"))).isEqualTo(BIG);
    }

    @Test
    void answersEagerFilesOfferedAroundALargeOneBeforeTheLargeOneEnds() throws IOException {
        try (FileReceiver receiver = receiver()) {
            receiver.onOffer(offer(0, "big.bin", BIG));
            receiver.onOffer(eager(1, "small.txt", SMALL));
            receiver.onChunk(chunk(1, SMALL, 0));
            sendChunks(receiver, 0, BIG, 0, 1);
            assertThat(receiver.idle()).isFalse();
            sendChunks(receiver, 0, BIG, 2, 3);
            receiver.onEnd(end(0, BIG));

            assertThat(wire.take()).containsExactly("PLAN 0 SEND held=[]", verified(1, SMALL), verified(0, BIG));
        }
    }

    @Test
    void nacksAChunkThatFailsItsCrcAndVerifiesTheFileOnceTheResendArrivesAfterTheEnd() throws IOException {
        try (FileReceiver receiver = receiver()) {
            receiver.onOffer(offer(0, "big.bin", BIG));
            receiver.onChunk(chunk(0, BIG, 0));
            receiver.onChunk(damagedChunk(0, BIG, 1));
            sendChunks(receiver, 0, BIG, 2, 3);
            receiver.onEnd(end(0, BIG));
            assertThat(wire.take()).containsExactly("PLAN 0 SEND held=[]", "NACK 0 #1");

            receiver.onChunk(chunk(0, BIG, 1));

            assertThat(wire.take()).containsExactly(verified(0, BIG));
        }
        assertThat(Files.readAllBytes(root.resolve("big.bin"))).isEqualTo(BIG);
        assertThat(outcomes).singleElement().extracting(FileOutcome::chunksRetransmitted).isEqualTo(1);
    }

    @Test
    void failsTheFileWhenChunksFailTheirCrcNineTimesAndKeepsThePartForAResume() throws IOException {
        try (FileReceiver receiver = receiver()) {
            receiver.onOffer(offer(0, "big.bin", BIG));
            receiver.onChunk(chunk(0, BIG, 0));
            for (int i = 0; i < 9; i++) {
                receiver.onChunk(damagedChunk(0, BIG, 1));
            }
            List<String> replies = wire.take();

            assertThat(replies).hasSize(1 + 8 + 1);
            assertThat(replies.subList(1, 9)).containsOnly("NACK 0 #1");
            assertThat(replies.get(9)).isEqualTo("RESULT 0 FAILED CHUNK_RETRIES_EXHAUSTED resumed=0 digest=- stored-as='' "
                    + "'chunks of big.bin failed their CRC32C 9 times'");
            receiver.onChunk(chunk(0, BIG, 2)); // a chunk already on the wire when the RESULT went out
            assertThat(wire.take()).isEmpty();
        }
        assertThat(names()).containsExactly(".big.bin.nlpart", ".big.bin.nlpart.ledger");
        assertThat(outcomes).singleElement().extracting(FileOutcome::code).isEqualTo(ErrorCode.CHUNK_RETRIES_EXHAUSTED);
    }

    @Test
    void asksForTheDigestFirstWhenAFileOfTheSameSizeExistsAndSkipsItWhenIdentical() throws IOException {
        Files.write(root.resolve("big.bin"), BIG);
        try (FileReceiver receiver = receiver()) {
            receiver.onOffer(offer(0, "big.bin", BIG));
            assertThat(wire.take()).containsExactly("PLAN 0 DIGEST_FIRST held=[]");

            receiver.onEnd(end(0, BIG));

            assertThat(wire.take()).containsExactly("RESULT 0 SKIPPED NONE resumed=0 digest=" + hex(BIG)
                    + " stored-as='' 'identical file already present'");
        }
        assertThat(names()).containsExactly("big.bin");
    }

    @Test
    void asksForTheDigestFirstThenTakesTheDataUnderANewNameWhenTheContentDiffers() throws IOException {
        Files.write(root.resolve("big.bin"), OTHER_BIG);
        try (FileReceiver receiver = receiver()) {
            receiver.onOffer(offer(0, "big.bin", BIG));
            receiver.onEnd(end(0, BIG));
            assertThat(wire.take()).containsExactly("PLAN 0 DIGEST_FIRST held=[]", "PLAN 0 SEND held=[]");

            sendChunks(receiver, 0, BIG, 0, 1, 2, 3);
            receiver.onEnd(end(0, BIG));

            assertThat(wire.take()).containsExactly(verified(0, BIG, 0, "big (1).bin"));
        }
        assertThat(Files.readAllBytes(root.resolve("big.bin"))).isEqualTo(OTHER_BIG);
        assertThat(Files.readAllBytes(root.resolve("big (1).bin"))).isEqualTo(BIG);
        assertThat(outcomes).singleElement().extracting(FileOutcome::storedAs).isEqualTo("big (1).bin");
    }

    @Test
    void skipsAnIdenticalEagerFileAndRefusesADifferentOneWhenTheServerMayNotReplace() throws IOException {
        Files.write(root.resolve("same.txt"), SMALL);
        Files.write(root.resolve("other.txt"), TestData.randomBytes(SMALL.length, 9));
        try (FileReceiver receiver = receiver(OnExists.FAIL)) {
            receiver.onOffer(eager(0, "same.txt", SMALL));
            receiver.onChunk(chunk(0, SMALL, 0)); // the eager chunk follows even when the file is settled
            receiver.onOffer(eager(1, "other.txt", SMALL));
            receiver.onChunk(chunk(1, SMALL, 0));

            assertThat(wire.take()).containsExactly(
                    "RESULT 0 SKIPPED NONE resumed=0 digest=" + hex(SMALL) + " stored-as='' 'identical file already present'",
                    "RESULT 1 FAILED EXISTS resumed=0 digest=- stored-as='' 'other.txt exists with other content and --on-exists is fail'");
        }
    }

    @Test
    void createsAnOfferedDirectory() throws IOException {
        try (FileReceiver receiver = receiver()) {
            receiver.onOffer(Messages.directory(0, "a/empty"));

            assertThat(wire.take()).containsExactly("RESULT 0 VERIFIED NONE resumed=0 digest=- stored-as='' ''");
        }
        assertThat(root.resolve("a/empty")).isEmptyDirectory();
    }

    @Test
    void resumesFromTheLedgerAfterTheConnectionDropped() throws IOException {
        try (FileReceiver first = receiver()) {
            first.onOffer(offer(0, "big.bin", BIG));
            sendChunks(first, 0, BIG, 0, 1);
        }
        wire.take();

        try (FileReceiver second = receiver()) {
            second.onOffer(offer(0, "big.bin", BIG));
            assertThat(wire.take()).containsExactly("PLAN 0 SEND held=[0+2]");
            sendChunks(second, 0, BIG, 2, 3);
            second.onEnd(end(0, BIG));

            assertThat(wire.take()).containsExactly(verified(0, BIG, 2L * CHUNK, ""));
        }
        assertThat(Files.readAllBytes(root.resolve("big.bin"))).isEqualTo(BIG);
        assertThat(names()).containsExactly("big.bin");
        assertThat(outcomes).singleElement().extracting(FileOutcome::resumedBytes).isEqualTo(2L * CHUNK);
    }

    @ParameterizedTest(name = "ledger cut to {0} bytes")
    @ValueSource(ints = {0, 3, 29, 30, 33})
    void startsOverSafelyWhenTheLedgerWasTruncated(int length) throws IOException {
        leaveAnInterruptedTransfer();
        Path ledger = PartFiles.ledgerFor(root.resolve("big.bin"));
        try (FileChannel channel = FileChannel.open(ledger, StandardOpenOption.WRITE)) {
            channel.truncate(length);
        }

        assertStoresTheFileFromScratch();
    }

    @ParameterizedTest(name = "header byte {0} of the ledger damaged")
    @ValueSource(ints = {0, 4, 5, 6, 10, 18, 26, 29})
    void startsOverSafelyWhenTheLedgerHeaderIsCorrupt(int offset) throws IOException {
        leaveAnInterruptedTransfer();
        damageLedgerByte(offset);

        assertStoresTheFileFromScratch();
    }

    @Test
    void forgetsOnlyTheChunkWhoseLedgerByteIsCorrupt() throws IOException {
        leaveAnInterruptedTransfer();
        damageLedgerByte(30); // chunk 0's mark

        try (FileReceiver receiver = receiver()) {
            receiver.onOffer(offer(0, "big.bin", BIG));
            assertThat(wire.take()).containsExactly("PLAN 0 SEND held=[1+1]");
            sendChunks(receiver, 0, BIG, 0, 2, 3);
            receiver.onEnd(end(0, BIG));
            assertThat(wire.take()).containsExactly(verified(0, BIG, CHUNK, ""));
        }
        assertThat(Files.readAllBytes(root.resolve("big.bin"))).isEqualTo(BIG);
    }

    private void damageLedgerByte(int offset) throws IOException {
        Path ledger = PartFiles.ledgerFor(root.resolve("big.bin"));
        byte[] bytes = Files.readAllBytes(ledger);
        bytes[offset] ^= 0x5A;
        Files.write(ledger, bytes);
    }

    @Test
    void startsOverWhenTheLedgerIsGarbageOfTheRightLength() throws IOException {
        leaveAnInterruptedTransfer();
        Path ledger = PartFiles.ledgerFor(root.resolve("big.bin"));
        Files.write(ledger, TestData.randomBytes((int) Files.size(ledger), 5));

        assertStoresTheFileFromScratch();
    }

    @Test
    void startsOverWhenThePartFileIsGoneButItsLedgerIsNot() throws IOException {
        leaveAnInterruptedTransfer();
        Files.delete(PartFiles.partFor(root.resolve("big.bin")));

        assertStoresTheFileFromScratch();
    }

    private void leaveAnInterruptedTransfer() throws IOException {
        try (FileReceiver first = receiver()) {
            first.onOffer(offer(0, "big.bin", BIG));
            sendChunks(first, 0, BIG, 0, 1);
        }
        wire.take();
    }

    private void assertStoresTheFileFromScratch() throws IOException {
        try (FileReceiver receiver = receiver()) {
            receiver.onOffer(offer(0, "big.bin", BIG));
            assertThat(wire.take()).containsExactly("PLAN 0 SEND held=[]");
            sendChunks(receiver, 0, BIG, 0, 1, 2, 3);
            receiver.onEnd(end(0, BIG));
            assertThat(wire.take()).containsExactly(verified(0, BIG));
            assertThat(receiver.idle()).isTrue();
        }
        assertThat(Files.readAllBytes(root.resolve("big.bin"))).isEqualTo(BIG);
        assertThat(names()).containsExactly("big.bin");
    }

    @Test
    void asksToRestartFromZeroWhenResumedChunksCameFromAnOlderVersionOfTheSource() throws IOException {
        try (FileReceiver first = receiver()) {
            first.onOffer(offer(0, "big.bin", OTHER_BIG)); // same size and mtime: the ledger cannot tell them apart
            sendChunks(first, 0, OTHER_BIG, 0, 1);
        }
        wire.take();

        try (FileReceiver second = receiver()) {
            second.onOffer(offer(0, "big.bin", BIG));
            sendChunks(second, 0, BIG, 2, 3);
            second.onEnd(end(0, BIG));
            List<String> replies = wire.take();

            assertThat(replies).hasSize(2);
            assertThat(replies.get(1)).startsWith("RESULT 0 RESTART_FROM_ZERO DIGEST_MISMATCH resumed=" + 2 * CHUNK
                    + " digest=- stored-as='' 'whole-file xxh128 of big.bin is ").endsWith("; part file discarded'");
            assertThat(names()).isEmpty();
            assertThat(outcomes).as("a restart is not the file's last word").isEmpty();

            second.onOffer(offer(1, "big.bin", BIG));
            sendChunks(second, 1, BIG, 0, 1, 2, 3);
            second.onEnd(end(1, BIG));

            assertThat(wire.take()).containsExactly("PLAN 1 SEND held=[]", verified(1, BIG));
        }
        assertThat(Files.readAllBytes(root.resolve("big.bin"))).isEqualTo(BIG);
        assertThat(outcomes).singleElement().extracting(FileOutcome::status).isEqualTo(FileStatus.VERIFIED);
    }

    @Test
    void failsADigestMismatchOfAFreshTransferAndDiscardsThePartFile() throws IOException {
        try (FileReceiver receiver = receiver()) {
            receiver.onOffer(offer(0, "big.bin", BIG));
            sendChunks(receiver, 0, BIG, 0, 1, 2, 3);
            receiver.onEnd(end(0, OTHER_BIG));

            assertThat(wire.take()).containsExactly("PLAN 0 SEND held=[]",
                    "RESULT 0 FAILED DIGEST_MISMATCH resumed=0 digest=- stored-as='' 'whole-file xxh128 of big.bin is "
                            + hex(BIG) + ", sender says " + hex(OTHER_BIG) + "; part file discarded'");
        }
        assertThat(names()).isEmpty();
        assertThat(outcomes).singleElement().extracting(FileOutcome::code).isEqualTo(ErrorCode.DIGEST_MISMATCH);
    }

    @Test
    void refusesMessagesThatBreakTheProtocol() throws IOException {
        try (FileReceiver receiver = receiver()) {
            receiver.onOffer(offer(5, "big.bin", BIG));

            assertThatThrownBy(() -> receiver.onOffer(offer(5, "again.bin", BIG)))
                    .isInstanceOf(ProtocolViolationException.class).hasMessage("OFFER file id 5 not above previous 5");
            assertThatThrownBy(() -> receiver.onChunk(chunk(9, BIG, 0)))
                    .isInstanceOf(ProtocolViolationException.class).hasMessage("CHUNK for file 9 never offered");
            assertThatThrownBy(() -> receiver.onChunk(new Message.Chunk(5, 3, 0, ByteBuffer.allocate(CHUNK))))
                    .isInstanceOf(ProtocolViolationException.class)
                    .hasMessage("CHUNK 3 of file 5 with " + CHUNK + " bytes does not fit its offer of " + BIG.length
                            + " bytes in chunks of " + CHUNK);
            assertThatThrownBy(() -> receiver.onEnd(new Message.End(5, null)))
                    .isInstanceOf(ProtocolViolationException.class).hasMessage("END of file 5 without a xxh128 digest");
            assertThatThrownBy(() -> receiver.onOffer(Messages.stripe(6, "s.bin", BIG, 0, 2)))
                    .isInstanceOf(ProtocolViolationException.class)
                    .hasMessage("striped OFFER of s.bin where stripes are not served");
            assertThatThrownBy(() -> receiver.onOffer(Messages.stripe(7, "s.bin", BIG, 2, 2)))
                    .isInstanceOf(ProtocolViolationException.class).hasMessage("stripe 2 of 2 for s.bin not allowed");
        }
    }
}
