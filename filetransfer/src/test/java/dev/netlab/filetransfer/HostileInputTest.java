package dev.netlab.filetransfer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.common.frame.FrameFormat;
import dev.netlab.filetransfer.client.FileClient;
import dev.netlab.filetransfer.client.TransferProgress;
import dev.netlab.filetransfer.protocol.DigestAlgorithm;
import dev.netlab.filetransfer.protocol.ErrorCode;
import dev.netlab.filetransfer.protocol.FileStatus;
import dev.netlab.filetransfer.protocol.Message;
import dev.netlab.filetransfer.protocol.TransferProtocol;
import dev.netlab.filetransfer.server.FileServer;
import dev.netlab.filetransfer.server.ServerConfig;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HostileInputTest {

    /**
     * The server's timeouts in the one test that waits for them: short, so the test is quick, yet
     * long enough that the honest client served after it is not cut off by a stalled thread. The
     * other tests keep the defaults: a server that left garbage to a timeout instead of closing at
     * once would fail them rather than pass 300 ms later, and their honest clients never race a timer.
     */
    private static final Duration SILENT_PEER_TIMEOUT = Duration.ofSeconds(1);

    @TempDir
    Path tmp;

    private Path root;
    private FileServer server;

    @BeforeEach
    void startServer() throws Exception {
        root = Files.createDirectories(tmp.resolve("root"));
        server = Fixtures.server(ServerConfig.loopback(root));
    }

    @AfterEach
    void stopServer() throws Exception {
        server.close();
    }

    /** The server must still serve an honest client after whatever the test threw at it. */
    private void assertStillServes() throws Exception {
        Path file = tmp.resolve("honest.txt");
        Files.writeString(file, "still here");
        var summary = new FileClient(Fixtures.clientFor(server)).send(List.of(file), "after", TransferProgress.NONE);
        assertThat(summary.ok()).isTrue();
        assertThat(Files.readString(root.resolve("after/honest.txt"))).isEqualTo("still here");
    }

    @Test
    void closesAConnectionThatSendsGarbageAndKeepsServingOthers() throws Exception {
        try (RawPeer peer = new RawPeer(server.localAddress())) {
            peer.sendRaw("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
            peer.readUntilClosed();
        }
        assertStillServes();
    }

    @Test
    void closesAConnectionThatAnnouncesAnOversizedFrameWithoutAllocatingIt() throws Exception {
        ByteBuffer header = ByteBuffer.allocate(FrameFormat.HEADER_LENGTH)
                .putShort(FrameFormat.MAGIC).put(FrameFormat.VERSION).put((byte) 0x01).putShort((short) 0)
                .putInt(Integer.MAX_VALUE);
        try (RawPeer peer = new RawPeer(server.localAddress())) {
            peer.sendRaw(header.array());
            peer.readUntilClosed();
        }
        assertStillServes();
    }

    @Test
    void dropsAPeerThatConnectsAndSaysNothingAfterTheReadTimeout() throws Exception {
        server.close();
        server = Fixtures.server(ServerConfig.loopback(root).withTimeouts(SILENT_PEER_TIMEOUT, SILENT_PEER_TIMEOUT));
        try (RawPeer peer = new RawPeer(server.localAddress())) {
            assertThat(peer.readUntilClosed()).isZero();
        }
        assertStillServes();
    }

    @Test
    void refusesAWrongMagicWithAMessageSayingWhatItExpected() throws Exception {
        try (RawPeer peer = new RawPeer(server.localAddress())) {
            peer.writer().hello(0x12345678, TransferProtocol.VERSION);
            Message reply = peer.next();
            assertThat(reply).isEqualTo(new Message.ErrorMessage(ErrorCode.BAD_MAGIC,
                    "not a netlab filetransfer client: magic 0x12345678, expected 0x4e4c4654"));
        }
    }

    @Test
    void refusesAnUnknownProtocolVersionSayingWhichOneItSpeaks() throws Exception {
        try (RawPeer peer = new RawPeer(server.localAddress())) {
            peer.writer().hello(TransferProtocol.MAGIC, 9);
            Message reply = peer.next();
            assertThat(reply).isEqualTo(new Message.ErrorMessage(ErrorCode.UNSUPPORTED_VERSION,
                    "client speaks filetransfer protocol version 9, this server version 2: run the same netlab release on both sides"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/tmp/evil", "../evil", "a/../../evil", "C:/evil", "a/\0/evil", "x\\..\\evil"})
    void refusesTraversalOffersOnTheWireAndWritesNothingOutside(String path) throws Exception {
        try (RawPeer peer = new RawPeer(server.localAddress()).handshake()) {
            byte[] digest = DigestAlgorithm.XXH128.newDigest().finish();
            peer.writer().offer(new Message.Offer(0, 0, 0, TransferProtocol.DEFAULT_CHUNK_SIZE, 0, 1,
                    DigestAlgorithm.XXH128, digest, path, true, false));
            Message reply = peer.next();
            assertThat(reply).isInstanceOf(Message.Result.class);
            Message.Result result = (Message.Result) reply;
            assertThat(result.status()).isEqualTo(FileStatus.FAILED);
            assertThat(result.code()).isEqualTo(ErrorCode.PATH_REFUSED);
        }
        try (var files = Files.walk(tmp)) {
            assertThat(files.filter(p -> p.getFileName().toString().contains("evil"))).isEmpty();
        }
    }

    @Test
    void refusesFilesOverTheSizeCapAndBeyondTheFilesPerSessionCap() throws Exception {
        server.close();
        server = Fixtures.server(ServerConfig.loopback(root).withLimits(1000, 2, dev.netlab.filetransfer.store.OnExists.RENAME));
        Path src = Files.createDirectories(tmp.resolve("src"));
        Fixtures.randomFile(src.resolve("a.bin"), 10, 1);
        Fixtures.randomFile(src.resolve("b.bin"), 2000, 2);
        Fixtures.randomFile(src.resolve("c.bin"), 10, 3);

        var summary = new FileClient(Fixtures.clientFor(server)).send(List.of(src), "", TransferProgress.NONE);

        assertThat(summary.ok()).isFalse();
        assertThat(summary.files()).extracting(f -> f.path() + " " + f.status() + " " + f.message()).containsExactlyInAnyOrder(
                "src/a.bin VERIFIED ",
                "src/b.bin FAILED src/b.bin is 2000 bytes > max file size 1000",
                "src/c.bin FAILED more than 2 files in one session");
    }

    @Test
    void refusesAFileLargerThanTheFreeSpaceBeforeWritingAByte() throws Exception {
        long huge = (long) TransferProtocol.MAX_CHUNKS_PER_FILE * TransferProtocol.MAX_CHUNK_SIZE;
        try (RawPeer peer = new RawPeer(server.localAddress()).handshake()) {
            peer.writer().offer(new Message.Offer(0, huge, 0, TransferProtocol.MAX_CHUNK_SIZE, 0, 1,
                    DigestAlgorithm.XXH128, null, "huge.bin", false, false));
            Message reply = peer.next();

            assertThat(reply).isInstanceOf(Message.Result.class);
            assertThat(((Message.Result) reply).code()).isEqualTo(ErrorCode.NO_SPACE);
            assertThat(((Message.Result) reply).text()).startsWith("not enough free space: file needs 35184372088832 bytes");
        }
        try (var files = Files.list(root)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void servesAPeerBeyondMaxConnectionsOnlyOnceASlotFrees() throws Exception {
        server.close();
        server = Fixtures.server(ServerConfig.loopback(root).withMaxConnections(1)
                .withTimeouts(Duration.ofSeconds(20), Duration.ofSeconds(20)));
        try (RawPeer first = new RawPeer(server.localAddress()).handshake();
             RawPeer second = new RawPeer(server.localAddress())) {
            second.writer().hello(TransferProtocol.MAGIC, TransferProtocol.VERSION);
            second.connection.flush();
            second.socket.configureBlocking(false);
            assertThat(second.socket.read(ByteBuffer.allocate(64))).isZero();
            second.socket.configureBlocking(true);

            first.close();

            assertThat(second.reader().next()).isInstanceOf(Message.Welcome.class);
        }
    }
}
