package dev.netlab.filetransfer.engine;

import static dev.netlab.filetransfer.engine.Messages.ALG;
import static dev.netlab.filetransfer.engine.Messages.CHUNK;
import static dev.netlab.filetransfer.engine.Messages.MTIME;
import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.common.testing.TestData;
import dev.netlab.filetransfer.protocol.FileStatus;
import dev.netlab.filetransfer.protocol.Message;
import dev.netlab.filetransfer.protocol.MessageReader;
import dev.netlab.filetransfer.store.OnExists;
import dev.netlab.filetransfer.store.ReceiveStore;
import dev.netlab.filetransfer.stripe.StripeAssembler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A real FileSender and a real FileReceiver joined by two in-memory pipes instead of a socket. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EngineRoundTripTest {

    @TempDir
    Path tmp;

    private final ExecutorService receivingThread = Executors.newSingleThreadExecutor();
    private final PipedLink link = new PipedLink();

    EngineRoundTripTest() throws IOException {
    }

    @AfterEach
    void closeEverything() throws Exception {
        link.close();
        receivingThread.shutdownNow();
        assertThat(receivingThread.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }

    private Future<Void> receiveInto(Path root) throws IOException {
        FileReceiver receiver = new FileReceiver(new ReceiveStore(root, OnExists.RENAME, false),
                link.receiverWriter(), FileReceiver.Limits.NONE, ReceiverEvents.NONE, StripeAssembler.NOT_SERVED);
        MessageReader in = link.receiverReader();
        return receivingThread.submit(() -> {
            try (receiver) {
                for (Message m = in.next(); m != null; m = in.next()) {
                    if (m instanceof Message.Offer o) {
                        receiver.onOffer(o);
                    } else if (m instanceof Message.Chunk c) {
                        receiver.onChunk(c);
                    } else if (m instanceof Message.End e) {
                        receiver.onEnd(e);
                    }
                }
            }
            return null;
        });
    }

    private List<FileOutcome> send(List<SourceFile> files) throws Exception {
        try (ReplyReader replies = new ReplyReader(link.senderReader(), "test-replies")) {
            List<FileOutcome> outcomes = new FileSender(replies, link.senderWriter(), () -> { },
                    new FileSender.Options(CHUNK, ALG), SenderEvents.NONE).send(files);
            link.senderDone();
            return outcomes;
        }
    }

    private SourceFile file(Path src, String name, int size, long seed) throws IOException {
        Path local = TestData.randomFile(src.resolve(name), size, seed);
        return new SourceFile(local, name, false, size, MTIME);
    }

    @Test
    void deliversATreeOfSmallEmptyAndLargeFilesAndADirectoryByteForByte() throws Exception {
        Path src = tmp.resolve("src");
        Path root = Files.createDirectories(tmp.resolve("root"));
        Files.createDirectories(src.resolve("d/empty"));
        List<SourceFile> files = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            files.add(file(src, "small/f" + i + ".bin", 100 * i, i));
        }
        files.add(file(src, "big/one.bin", 5 * CHUNK + 3, 100));
        files.add(file(src, "big/exact.bin", 2 * CHUNK, 101));
        files.add(new SourceFile(src.resolve("d/empty"), "d/empty", true, 0, MTIME));
        Future<Void> receiving = receiveInto(root);

        List<FileOutcome> outcomes = send(files);
        receiving.get(10, TimeUnit.SECONDS);

        assertThat(outcomes).hasSize(files.size()).allMatch(o -> o.status() == FileStatus.VERIFIED, "all verified");
        for (SourceFile f : files) {
            if (!f.directory()) {
                assertThat(Files.readAllBytes(root.resolve(f.wirePath()))).as(f.wirePath())
                        .isEqualTo(Files.readAllBytes(f.local()));
            }
        }
        assertThat(root.resolve("d/empty")).isEmptyDirectory();
    }

    @Test
    void startsAStaleResumeOverFromZeroAndDeliversTheNewContent() throws Exception {
        Path src = tmp.resolve("src");
        Path root = Files.createDirectories(tmp.resolve("root"));
        SourceFile old = file(src, "big.bin", 4 * CHUNK, 1);
        try (FileReceiver earlier = new FileReceiver(new ReceiveStore(root, OnExists.RENAME, false),
                new WireTap().writer(), FileReceiver.Limits.NONE, ReceiverEvents.NONE, StripeAssembler.NOT_SERVED)) {
            byte[] oldBytes = Files.readAllBytes(old.local());
            earlier.onOffer(Messages.offer(0, "big.bin", oldBytes));
            earlier.onChunk(Messages.chunk(0, oldBytes, 0));
            earlier.onChunk(Messages.chunk(0, oldBytes, 1));
        }
        SourceFile changed = file(src, "big.bin", 4 * CHUNK, 2); // same size and mtime, other bytes
        Future<Void> receiving = receiveInto(root);

        List<FileOutcome> outcomes = send(List.of(changed));
        receiving.get(10, TimeUnit.SECONDS);

        assertThat(outcomes).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(FileStatus.VERIFIED);
            assertThat(o.resumedBytes()).as("the second offer resumed nothing").isZero();
        });
        assertThat(Files.readAllBytes(root.resolve("big.bin"))).isEqualTo(Files.readAllBytes(changed.local()));
    }
}
