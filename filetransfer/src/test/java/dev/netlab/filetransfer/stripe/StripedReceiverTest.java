package dev.netlab.filetransfer.stripe;

import static dev.netlab.filetransfer.engine.Messages.CHUNK;
import static dev.netlab.filetransfer.engine.Messages.chunk;
import static dev.netlab.filetransfer.engine.Messages.damagedChunk;
import static dev.netlab.filetransfer.engine.Messages.end;
import static dev.netlab.filetransfer.engine.Messages.hex;
import static dev.netlab.filetransfer.engine.Messages.stripe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.netlab.common.frame.ProtocolViolationException;
import dev.netlab.common.testing.TestData;
import dev.netlab.filetransfer.engine.ReceiverEvents;
import dev.netlab.filetransfer.engine.WireTap;
import dev.netlab.filetransfer.protocol.ErrorCode;
import dev.netlab.filetransfer.protocol.Message;
import dev.netlab.filetransfer.store.OnExists;
import dev.netlab.filetransfer.store.ReceiveStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's stripe assembler without sockets: two connections' assemblers share one
 * {@link StripedParts}, each answering on its own in-memory {@link WireTap}.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class StripedReceiverTest {

    private static final byte[] BIG = TestData.randomBytes(3 * CHUNK + 100, 31); // 4 chunks: 0,2 and 1,3
    private static final byte[] OTHER_BIG = TestData.randomBytes(3 * CHUNK + 100, 32);

    @TempDir
    Path root;

    private final WireTap wireA = new WireTap();
    private final WireTap wireB = new WireTap();
    private ReceiveStore store;
    private StripedParts parts;

    /** Short, so that refusals come quickly; the real wait is ReceiveStore.CLAIM_WAIT. */
    private static final Duration JOIN_WAIT = Duration.ofMillis(200);

    private void server(OnExists onExists) throws IOException {
        server(onExists, JOIN_WAIT);
    }

    private void server(OnExists onExists, Duration joinWait) throws IOException {
        store = new ReceiveStore(root, onExists, false);
        parts = new StripedParts(store, joinWait);
    }

    private StripeAssembler.Refusal offer(StripeAssembler connection, Message.Offer offer) throws IOException {
        return connection.onOffer(offer, store.paths().resolveForWrite(offer.path()));
    }

    private static String stored(long resumed) {
        return stored(0, resumed);
    }

    private static String stored(int fileId, long resumed) {
        return "RESULT " + fileId + " STORED NONE resumed=" + resumed + " digest=- stored-as='' ''";
    }

    private List<String> names() throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(p -> !p.equals(root)).map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void assemblesAFileFromTwoConnectionsAndTheOneThatCompletesItCarriesTheVerdict() throws IOException {
        server(OnExists.RENAME);
        StripeAssembler a = parts.assembler(wireA.writer(), ReceiverEvents.NONE);
        StripeAssembler b = parts.assembler(wireB.writer(), ReceiverEvents.NONE);

        assertThat(offer(a, stripe(0, "big.bin", BIG, 0, 2))).isNull();
        assertThat(offer(b, stripe(0, "big.bin", BIG, 1, 2))).isNull();
        assertThat(a.owns(0)).isTrue();
        a.onChunk(chunk(0, BIG, 0));
        a.onChunk(chunk(0, BIG, 2));
        a.onEnd(end(0, BIG));
        b.onChunk(chunk(0, BIG, 1));
        b.onChunk(chunk(0, BIG, 3));
        b.onEnd(new Message.End(0, null));

        assertThat(wireA.take()).containsExactly("PLAN 0 SEND held=[]", stored(0));
        assertThat(wireB.take()).containsExactly("PLAN 0 SEND held=[]",
                "RESULT 0 VERIFIED NONE resumed=0 digest=" + hex(BIG) + " stored-as='' ''");
        assertThat(a.idle()).isTrue();
        assertThat(b.idle()).isTrue();
        assertThat(Files.readAllBytes(root.resolve("big.bin"))).isEqualTo(BIG);
        assertThat(names()).containsExactly("big.bin");
    }

    @Test
    void nacksABadChunkOnItsOwnConnectionAndFailsTheStripeAfterNine() throws IOException {
        server(OnExists.RENAME);
        StripeAssembler a = parts.assembler(wireA.writer(), ReceiverEvents.NONE);
        offer(a, stripe(0, "big.bin", BIG, 0, 2));

        for (int i = 0; i < 9; i++) {
            a.onChunk(damagedChunk(0, BIG, 2));
        }

        List<String> replies = wireA.take();
        assertThat(replies.subList(1, 9)).containsOnly("NACK 0 #2");
        assertThat(replies.get(9)).isEqualTo("RESULT 0 FAILED CHUNK_RETRIES_EXHAUSTED resumed=0 digest=- stored-as='' "
                + "'chunks of big.bin failed their CRC32C 9 times'");
        assertThat(a.idle()).isTrue();
    }

    @Test
    void refusesAChunkOfAnotherStripeAndAStripeZeroEndWithoutDigest() throws IOException {
        server(OnExists.RENAME);
        StripeAssembler a = parts.assembler(wireA.writer(), ReceiverEvents.NONE);
        offer(a, stripe(0, "big.bin", BIG, 0, 2));

        assertThatThrownBy(() -> a.onChunk(chunk(0, BIG, 1))).isInstanceOf(ProtocolViolationException.class)
                .hasMessage("CHUNK 1 of file 0 is not in stripe 0 of 2 or has the wrong length");
        assertThatThrownBy(() -> a.onEnd(new Message.End(0, null))).isInstanceOf(ProtocolViolationException.class)
                .hasMessage("END of stripe 0 of file 0 without a xxh128 digest");
        a.close();
    }

    @Test
    void refusesASecondConnectionForATakenStripeAndAStripeOfAnotherSource() throws IOException {
        server(OnExists.RENAME);
        StripeAssembler a = parts.assembler(wireA.writer(), ReceiverEvents.NONE);
        StripeAssembler b = parts.assembler(wireB.writer(), ReceiverEvents.NONE);
        offer(a, stripe(0, "big.bin", BIG, 0, 2));

        assertThat(offer(b, stripe(0, "big.bin", BIG, 0, 2)))
                .isEqualTo(new StripeAssembler.Refusal(ErrorCode.BUSY, "big.bin is being written by another transfer"));
        assertThat(offer(b, stripe(1, "big.bin", new byte[BIG.length + 1], 1, 2)))
                .isEqualTo(new StripeAssembler.Refusal(ErrorCode.BUSY, "big.bin is being written by another transfer"));
        a.close();
        b.close();
    }

    @Test
    void aStripeOfferedAgainWaitsForTheConnectionsOfTheCutAttemptToLetGoAndResumes() throws Exception {
        server(OnExists.RENAME, Duration.ofSeconds(10));
        StripeAssembler cut = parts.assembler(wireA.writer(), ReceiverEvents.NONE);
        offer(cut, stripe(0, "big.bin", BIG, 0, 2));
        cut.onChunk(chunk(0, BIG, 0));
        wireA.take();
        StripeAssembler again = parts.assembler(wireB.writer(), ReceiverEvents.NONE);
        ExecutorService connection = Executors.newSingleThreadExecutor();
        AtomicReference<Thread> offering = new AtomicReference<>();
        try {
            Future<StripeAssembler.Refusal> offered = connection.submit(() -> {
                offering.set(Thread.currentThread());
                return offer(again, stripe(0, "big.bin", BIG, 0, 2));
            });
            await().atMost(Duration.ofSeconds(5)).until(() -> offering.get() != null
                    && offering.get().getState() == Thread.State.TIMED_WAITING);
            assertThat(offered.isDone()).as("waits while the cut connection holds the stripe").isFalse();

            cut.close(); // the server notices the cut

            assertThat(offered.get(5, TimeUnit.SECONDS)).isNull();
            assertThat(wireB.take()).containsExactly("PLAN 0 SEND held=[0+1]");
            again.close();
        } finally {
            connection.shutdownNow();
            assertThat(connection.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    /**
     * The order behind StripeTest's rare "every stripe was stored but none completed the file":
     * on a resume, stripe 0 sends its last chunks and the digest and leaves before stripe 1 is
     * offered; the shared part goes with it, and the part made for stripe 1 must still know the digest.
     */
    @Test
    void completesAResumedFileWhenStripeZeroFinishedAndLeftBeforeTheOtherStripeJoined() throws IOException {
        server(OnExists.RENAME);
        StripeAssembler cutA = parts.assembler(wireA.writer(), ReceiverEvents.NONE);
        StripeAssembler cutB = parts.assembler(wireB.writer(), ReceiverEvents.NONE);
        offer(cutA, stripe(0, "big.bin", BIG, 0, 2));
        offer(cutB, stripe(0, "big.bin", BIG, 1, 2));
        cutA.onChunk(chunk(0, BIG, 0));
        cutB.onChunk(chunk(0, BIG, 1));
        cutA.close();
        cutB.close();
        wireA.take();
        wireB.take();

        StripeAssembler a = parts.assembler(wireA.writer(), ReceiverEvents.NONE);
        sendStripe(a, stripe(1, "big.bin", BIG, 0, 2), BIG, 2);
        assertThat(a.idle()).as("stripe 0 is done and its connection left the part").isTrue();
        sendStripe(parts.assembler(wireB.writer(), ReceiverEvents.NONE), stripe(1, "big.bin", BIG, 1, 2), BIG, 3);

        assertThat(wireA.take()).containsExactly("PLAN 1 SEND held=[0+2]", stored(1, 2 * CHUNK));
        assertThat(wireB.take()).containsExactly("PLAN 1 SEND held=[0+3]", verified(1, 3 * CHUNK));
        assertOnlyBigBinIsThereWith(BIG);
    }

    /** The digest stripe 0 brought lives in the ledger, so neither a server restart nor a long gap loses it. */
    @Test
    void completesAFileWhoseLastStripeArrivesAfterAServerRestart() throws IOException {
        server(OnExists.RENAME);
        sendStripe(parts.assembler(wireA.writer(), ReceiverEvents.NONE), stripe(0, "big.bin", BIG, 0, 2), BIG, 0, 2);
        assertThat(wireA.take()).containsExactly("PLAN 0 SEND held=[]", stored(0));

        server(OnExists.RENAME);
        sendStripe(parts.assembler(wireB.writer(), ReceiverEvents.NONE), stripe(0, "big.bin", BIG, 1, 2), BIG, 1, 3);

        assertThat(wireB.take()).containsExactly("PLAN 0 SEND held=[0+1,2+1]", verified(0, 2 * CHUNK));
        assertOnlyBigBinIsThereWith(BIG);
    }

    /** A changed source (here a newer mtime) starts over and never inherits the digest of the old one. */
    @Test
    void aStripeOfAnotherSourceDoesNotInheritTheDigestStripeZeroLeftForTheOldOne() throws IOException {
        server(OnExists.RENAME);
        sendStripe(parts.assembler(wireA.writer(), ReceiverEvents.NONE), stripe(0, "big.bin", OTHER_BIG, 0, 2),
                OTHER_BIG, 0, 2);
        wireA.take();

        sendStripe(parts.assembler(wireB.writer(), ReceiverEvents.NONE), newer(stripe(1, "big.bin", BIG, 1, 2)), BIG, 1, 3);
        sendStripe(parts.assembler(wireA.writer(), ReceiverEvents.NONE), newer(stripe(1, "big.bin", BIG, 0, 2)), BIG, 0, 2);

        assertThat(wireB.take()).containsExactly("PLAN 1 SEND held=[]", stored(1, 0));
        assertThat(wireA.take()).containsExactly("PLAN 1 SEND held=[1+1,3+1]", verified(1, CHUNK + 100));
        assertOnlyBigBinIsThereWith(BIG);
    }

    /** One stripe's turn on its connection: OFFER, these chunks, END (with the digest from stripe 0 only). */
    private void sendStripe(StripeAssembler connection, Message.Offer offer, byte[] content, int... chunks)
            throws IOException {
        assertThat(offer(connection, offer)).isNull();
        for (int index : chunks) {
            connection.onChunk(chunk(offer.fileId(), content, index));
        }
        connection.onEnd(offer.stripeIndex() == 0 ? end(offer.fileId(), content) : new Message.End(offer.fileId(), null));
    }

    private void assertOnlyBigBinIsThereWith(byte[] content) throws IOException {
        assertThat(Files.readAllBytes(root.resolve("big.bin"))).isEqualTo(content);
        assertThat(names()).containsExactly("big.bin");
    }

    private static String verified(int fileId, long resumed) {
        return "RESULT " + fileId + " VERIFIED NONE resumed=" + resumed + " digest=" + hex(BIG) + " stored-as='' ''";
    }

    private static Message.Offer newer(Message.Offer o) {
        return new Message.Offer(o.fileId(), o.size(), o.mtimeMillis() + 1000, o.chunkSize(), o.stripeIndex(),
                o.stripeCount(), o.algorithm(), o.digest(), o.path(), o.eager(), o.directory());
    }

    @Test
    void refusesAStripeOfAFileThatExistsWithOtherContentWhenItMayNotBeReplaced() throws IOException {
        server(OnExists.FAIL);
        Files.write(root.resolve("big.bin"), new byte[10]);
        StripeAssembler a = parts.assembler(wireA.writer(), ReceiverEvents.NONE);

        assertThat(offer(a, stripe(0, "big.bin", BIG, 0, 2)))
                .isEqualTo(new StripeAssembler.Refusal(ErrorCode.EXISTS, "big.bin exists with other content"));
    }

    @Test
    void resumesAStripedFileAfterItsConnectionsClosedAndFailsAStaleResumeInsteadOfRestarting() throws IOException {
        server(OnExists.RENAME);
        StripeAssembler a = parts.assembler(wireA.writer(), ReceiverEvents.NONE);
        offer(a, stripe(0, "big.bin", OTHER_BIG, 0, 2)); // same size and mtime as BIG
        a.onChunk(chunk(0, OTHER_BIG, 0));
        a.close();
        wireA.take();

        StripeAssembler a2 = parts.assembler(wireA.writer(), ReceiverEvents.NONE);
        StripeAssembler b2 = parts.assembler(wireB.writer(), ReceiverEvents.NONE);
        offer(a2, stripe(1, "big.bin", BIG, 0, 2));
        offer(b2, stripe(1, "big.bin", BIG, 1, 2));
        a2.onChunk(chunk(1, BIG, 2));
        a2.onEnd(end(1, BIG));
        b2.onChunk(chunk(1, BIG, 1));
        b2.onChunk(chunk(1, BIG, 3));
        b2.onEnd(new Message.End(1, null));

        assertThat(wireA.take()).containsExactly("PLAN 1 SEND held=[0+1]", "RESULT 1 STORED NONE resumed=" + CHUNK
                + " digest=- stored-as='' ''");
        List<String> verdict = wireB.take();
        assertThat(verdict.get(0)).isEqualTo("PLAN 1 SEND held=[0+1]");
        assertThat(verdict.get(1)).startsWith("RESULT 1 FAILED DIGEST_MISMATCH resumed=" + CHUNK);
        assertThat(names()).isEmpty();
    }
}
