package dev.netlab.filetransfer.engine;

import static dev.netlab.filetransfer.engine.Messages.ALG;
import static dev.netlab.filetransfer.engine.Messages.CHUNK;
import static dev.netlab.filetransfer.engine.Messages.MTIME;
import static dev.netlab.filetransfer.engine.Messages.digest;
import static dev.netlab.filetransfer.engine.Messages.hex;
import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.common.frame.ProtocolViolationException;
import dev.netlab.common.testing.TestData;
import dev.netlab.filetransfer.protocol.ErrorCode;
import dev.netlab.filetransfer.protocol.FileStatus;
import dev.netlab.filetransfer.protocol.Message;
import dev.netlab.filetransfer.protocol.MessageReader;
import dev.netlab.filetransfer.protocol.MessageWriter;
import dev.netlab.filetransfer.protocol.PlanDecision;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sending side of the protocol over two in-memory pipes: the test plays the receiver, reads
 * what the sender says and answers as a receiver may.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class FileSenderTest {

    private static final byte[] BIG = TestData.randomBytes(3 * CHUNK + 100, 21); // 4 chunks
    private static final byte[] SMALL = TestData.randomBytes(3000, 22);

    @TempDir
    Path tmp;

    private final ExecutorService sendingThread = Executors.newSingleThreadExecutor();
    private final PipedLink link = new PipedLink();
    private final MessageReader fromSender;
    private final MessageWriter receiverSays;
    private final ReplyReader replies;
    private final List<FileOutcome> outcomes = new ArrayList<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong resumed = new AtomicLong();

    FileSenderTest() throws IOException {
        fromSender = link.receiverReader();
        receiverSays = link.receiverWriter();
        replies = new ReplyReader(link.senderReader(), "test-replies");
    }

    @AfterEach
    void closeEverything() throws Exception {
        link.close();
        replies.close();
        sendingThread.shutdownNow();
        assertThat(sendingThread.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }

    private SourceFile source(String name, byte[] content) throws IOException {
        Path local = Files.write(tmp.resolve(name), content);
        return new SourceFile(local, name, false, content.length, MTIME);
    }

    private Future<List<FileOutcome>> send(SourceFile... files) {
        FileSender sender = new FileSender(replies, link.senderWriter(), () -> { },
                new FileSender.Options(CHUNK, ALG), new SenderEvents() {
                    @Override
                    public void bytesSent(long bytes) {
                        sent.addAndGet(bytes);
                    }

                    @Override
                    public void bytesResumed(long bytes) {
                        resumed.addAndGet(bytes);
                    }

                    @Override
                    public void fileFinished(FileOutcome outcome) {
                        outcomes.add(outcome);
                    }
                });
        return sendingThread.submit(() -> sender.send(List.of(files)));
    }

    /** The next {@code n} messages from the sender. */
    private List<String> read(int n) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            lines.add(WireTap.describe(fromSender.next()));
        }
        return lines;
    }

    private void verified(int id, byte[] content, long resumedBytes, String storedAs) throws IOException {
        receiverSays.result(id, FileStatus.VERIFIED, ErrorCode.NONE, resumedBytes, digest(content), storedAs, "");
    }

    @Test
    void offersSmallFilesEagerlyOneAfterAnotherWithoutWaitingForAPlan() throws Exception {
        Future<List<FileOutcome>> sending = send(source("a.txt", SMALL), source("b.txt", new byte[0]));

        assertThat(read(3)).containsExactly("OFFER 0 a.txt 3000 eager", "CHUNK 0 #0 3000", "OFFER 1 b.txt 0 eager");
        verified(0, SMALL, 0, "");
        verified(1, new byte[0], 0, "b (1).txt");

        assertThat(sending.get()).extracting(FileOutcome::status).containsExactly(FileStatus.VERIFIED, FileStatus.VERIFIED);
        assertThat(outcomes.get(0).digestHex()).isEqualTo(hex(SMALL));
        assertThat(outcomes.get(0).storedAs()).isNull();
        assertThat(outcomes.get(1).storedAs()).isEqualTo("b (1).txt");
        assertThat(sent.get()).isEqualTo(SMALL.length);
    }

    @Test
    void sendsOnlyTheChunksThePlanDoesNotHoldThenTheWholeFileDigest() throws Exception {
        Future<List<FileOutcome>> sending = send(source("big.bin", BIG));
        assertThat(read(1)).containsExactly("OFFER 0 big.bin " + BIG.length);

        receiverSays.plan(0, PlanDecision.SEND, List.of(new Message.ChunkRun(0, 2)));

        assertThat(read(3)).containsExactly("CHUNK 0 #2 " + CHUNK, "CHUNK 0 #3 100", "END 0 " + hex(BIG));
        verified(0, BIG, 2L * CHUNK, "");
        assertThat(sending.get()).singleElement().extracting(FileOutcome::resumedBytes).isEqualTo(2L * CHUNK);
        assertThat(resumed.get()).isEqualTo(2L * CHUNK);
        assertThat(sent.get()).isEqualTo(CHUNK + 100);
    }

    @Test
    void sendsOnlyTheDigestWhenAskedForItFirst() throws Exception {
        Future<List<FileOutcome>> sending = send(source("big.bin", BIG));
        read(1);

        receiverSays.plan(0, PlanDecision.DIGEST_FIRST, List.of());

        assertThat(read(1)).containsExactly("END 0 " + hex(BIG));
        receiverSays.result(0, FileStatus.SKIPPED, ErrorCode.NONE, 0, digest(BIG), "", "identical file already present");
        assertThat(sending.get()).singleElement().extracting(FileOutcome::status).isEqualTo(FileStatus.SKIPPED);
        assertThat(sent.get()).isZero();
    }

    @Test
    void resendsANackedChunkWithItsCorrectChecksum() throws Exception {
        Future<List<FileOutcome>> sending = send(source("big.bin", BIG));
        read(1);
        receiverSays.plan(0, PlanDecision.SEND, List.of());
        read(5);

        receiverSays.nack(0, 1);

        Message.Chunk resent = (Message.Chunk) fromSender.next();
        CRC32C crc = new CRC32C();
        crc.update(resent.data().duplicate());
        assertThat(resent.index()).isEqualTo(1);
        assertThat((int) crc.getValue()).isEqualTo(resent.crc());
        verified(0, BIG, 0, "");
        assertThat(sending.get()).singleElement().extracting(FileOutcome::chunksRetransmitted).isEqualTo(1);
    }

    @Test
    void offersTheFileAgainFromTheStartWhenTheReceiverAsksToRestartFromZero() throws Exception {
        Future<List<FileOutcome>> sending = send(source("big.bin", BIG));
        read(1);
        receiverSays.plan(0, PlanDecision.SEND, List.of(new Message.ChunkRun(0, 2)));
        read(3);

        receiverSays.result(0, FileStatus.RESTART_FROM_ZERO, ErrorCode.DIGEST_MISMATCH, 2L * CHUNK, null, "", "older");

        assertThat(read(1)).containsExactly("OFFER 1 big.bin " + BIG.length);
        receiverSays.plan(1, PlanDecision.SEND, List.of());
        assertThat(read(5)).containsExactly("CHUNK 1 #0 " + CHUNK, "CHUNK 1 #1 " + CHUNK, "CHUNK 1 #2 " + CHUNK,
                "CHUNK 1 #3 100", "END 1 " + hex(BIG));
        verified(1, BIG, 0, "");
        assertThat(sending.get()).singleElement().extracting(FileOutcome::status).isEqualTo(FileStatus.VERIFIED);
        assertThat(outcomes).hasSize(1);
    }

    @Test
    void refusesAReceiverThatAsksToRestartTheSameFileTwice() throws Exception {
        Future<List<FileOutcome>> sending = send(source("big.bin", BIG));
        read(1);
        receiverSays.result(0, FileStatus.RESTART_FROM_ZERO, ErrorCode.DIGEST_MISMATCH, 1, null, "", "");
        read(1);

        receiverSays.result(1, FileStatus.RESTART_FROM_ZERO, ErrorCode.DIGEST_MISMATCH, 1, null, "", "");

        assertFailsWith(sending, "RESTART_FROM_ZERO of big.bin twice");
    }

    @Test
    void failsAFileWhoseReceiverReportsAnotherDigestThanTheSenderComputed() throws Exception {
        Future<List<FileOutcome>> sending = send(source("a.txt", SMALL));
        read(2);

        receiverSays.result(0, FileStatus.VERIFIED, ErrorCode.NONE, 0, digest(BIG), "", "");

        FileOutcome outcome = sending.get().get(0);
        assertThat(outcome.status()).isEqualTo(FileStatus.FAILED);
        assertThat(outcome.code()).isEqualTo(ErrorCode.DIGEST_MISMATCH);
        assertThat(outcome.message()).isEqualTo("receiver reports digest " + hex(BIG) + ", sender computed " + hex(SMALL));
    }

    @Test
    void refusesAPlanOutsideTheFileAndRepliesForFilesNotInFlight() throws Exception {
        Future<List<FileOutcome>> planned = send(source("big.bin", BIG));
        read(1);
        receiverSays.plan(0, PlanDecision.SEND, List.of(new Message.ChunkRun(3, 5)));
        assertFailsWith(planned, "PLAN run ChunkRun[first=3, count=5] outside the file's 4 chunks");
    }

    @Test
    void refusesAResultForAFileNeverOffered() throws Exception {
        Future<List<FileOutcome>> sending = send(source("a.txt", SMALL));
        read(2);
        receiverSays.result(7, FileStatus.VERIFIED, ErrorCode.NONE, 0, null, "", "");
        assertFailsWith(sending, "RESULT for file 7 that is not in flight");
    }

    @Test
    void sendsOnlyItsOwnStripeAndLeavesTheDigestToStripeZero() throws Exception {
        Future<List<FileOutcome>> sending = send(source("big.bin", BIG).stripe(1, 2));
        assertThat(read(1)).containsExactly("OFFER 0 big.bin " + BIG.length + " stripe 1/2");

        receiverSays.plan(0, PlanDecision.SEND, List.of());

        assertThat(read(3)).containsExactly("CHUNK 0 #1 " + CHUNK, "CHUNK 0 #3 100", "END 0 -");
        receiverSays.result(0, FileStatus.STORED, ErrorCode.NONE, 0, null, "", "");
        assertThat(sending.get()).singleElement().extracting(FileOutcome::status).isEqualTo(FileStatus.STORED);
    }

    @Test
    void stripeZeroSendsItsChunksAndTheWholeFileDigest() throws Exception {
        Future<List<FileOutcome>> sending = send(source("big.bin", BIG).stripe(0, 2));
        read(1);
        receiverSays.plan(0, PlanDecision.SEND, List.of(new Message.ChunkRun(0, 1)));

        assertThat(read(2)).containsExactly("CHUNK 0 #2 " + CHUNK, "END 0 " + hex(BIG));
        assertThat(resumed.get()).isEqualTo(CHUNK);
        verified(0, BIG, CHUNK, "");
        assertThat(sending.get()).singleElement().extracting(FileOutcome::status).isEqualTo(FileStatus.VERIFIED);
    }

    private static void assertFailsWith(Future<?> sending, String message) throws InterruptedException {
        try {
            sending.get();
            throw new AssertionError("send() returned instead of failing with: " + message);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(ProtocolViolationException.class).hasMessage(message);
        }
    }
}
