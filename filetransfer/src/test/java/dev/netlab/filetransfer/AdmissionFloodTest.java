package dev.netlab.filetransfer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.common.testing.CommandRun;
import dev.netlab.filetransfer.cli.FiletransferCli;
import dev.netlab.filetransfer.client.FileClient;
import dev.netlab.filetransfer.client.TransferProgress;
import dev.netlab.filetransfer.server.AdmissionPolicy;
import dev.netlab.filetransfer.server.FileServer;
import dev.netlab.filetransfer.server.ServerConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Peers that connect and never authenticate, as an attacker on the LAN would: silent ones,
 * dripping ones, many from one address, and a server that never answers a connect.
 */
class AdmissionFloodTest {

    private static final int SILENT_PEERS = 200;
    private static final int DRIPPING_PEERS = 40;
    /** Each dripping peer sends one byte this often: never silent long enough for a read timeout. */
    private static final Duration DRIP_EVERY = Duration.ofSeconds(2);

    @TempDir
    Path tmp;

    private final List<SocketChannel> flood = new ArrayList<>();
    private ScheduledExecutorService dripper;

    @AfterEach
    void stopFlood() throws IOException {
        if (dripper != null) {
            dripper.shutdownNow();
        }
        for (SocketChannel peer : flood) {
            peer.close();
        }
    }

    /** A peer from its own loopback address (127.0.HIGH.LOW), so the per-address cap is not what stops it. */
    private SocketChannel peerFrom(int high, int low, InetSocketAddress server) throws IOException {
        SocketChannel peer = SocketChannel.open();
        flood.add(peer);
        peer.bind(new InetSocketAddress("127.0." + high + "." + low, 0));
        peer.connect(server);
        return peer;
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aGoodClientSendsFourMebibytesThroughAFloodOfSilentAndDrippingPeers() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Path file = Fixtures.randomFile(tmp.resolve("good.bin"), 4 * 1024 * 1024, 17);
        ServerConfig config = ServerConfig.loopback(root)
                .withAdmission(AdmissionPolicy.DEFAULTS.withHandshakeTimeout(Duration.ofSeconds(2)));
        try (FileServer server = Fixtures.server(config)) {
            InetSocketAddress address = server.localAddress();
            List<SocketChannel> dripping = new ArrayList<>();
            for (int i = 0; i < DRIPPING_PEERS; i++) {
                dripping.add(peerFrom(10, 1 + i, address));
            }
            for (int i = 0; i < SILENT_PEERS; i++) {
                peerFrom(1, 1 + i, address);
            }
            dripper = Executors.newSingleThreadScheduledExecutor();
            dripper.scheduleAtFixedRate(() -> drip(dripping), 0, DRIP_EVERY.toMillis(), TimeUnit.MILLISECONDS);

            CommandRun.Result sent = CommandRun.run(new FiletransferCli(), "send", "127.0.0.1:" + address.getPort(),
                    file.toString(), "--no-progress");

            assertThat(sent.exitCode()).as(sent.err()).isZero();
            assertThat(Files.mismatch(file, root.resolve("good.bin"))).isEqualTo(-1);
            // Dripping never extends a handshake: once the 2 s deadlines have passed, no flooding peer is held.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (server.admission().pending() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(server.admission().pending()).as("flooding peers held 10 s after their 2 s handshake deadline")
                    .isZero();
        }
    }

    /** One byte of a HELLO frame ('N') per peer; a peer the server already dropped is left alone. */
    private static void drip(List<SocketChannel> peers) {
        for (SocketChannel peer : peers) {
            try {
                peer.write(ByteBuffer.wrap(new byte[] {'N'}));
            } catch (IOException dropped) {
                // the server closed it: that is the point
            }
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void oneAddressCannotHoldMorePendingPeersThanItsCapWhileOtherAddressesStillSend() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        ServerConfig config = ServerConfig.loopback(root).withAdmission(AdmissionPolicy.DEFAULTS
                .withHandshakeTimeout(Duration.ofSeconds(30)).withLimits(10, 30, 40, 3));
        try (FileServer server = Fixtures.server(config)) {
            InetSocketAddress address = server.localAddress();
            List<SocketChannel> held = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                held.add(peerFrom(0, 7, address));
            }
            SocketChannel fourth = peerFrom(0, 7, address);

            assertThat(fourth.read(ByteBuffer.allocate(16))).as("closed at once, long before its 30 s deadline").isEqualTo(-1);
            assertThat(server.admission().pending()).isEqualTo(3);
            for (SocketChannel peer : held) {
                peer.configureBlocking(false);
                assertThat(peer.read(ByteBuffer.allocate(16))).as("the first three stay").isZero();
            }
            Path file = Files.writeString(tmp.resolve("other.txt"), "from another address");
            var summary = new FileClient(Fixtures.clientFor(server)).send(List.of(file), "", TransferProgress.NONE);
            assertThat(summary.exitCode()).isZero();
            assertThat(Files.readString(root.resolve("other.txt"))).isEqualTo("from another address");
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void sendExitsThreeWhenTheServerNeverAnswersItsConnect() throws Exception {
        Path file = Files.writeString(tmp.resolve("f.txt"), "x");
        List<Socket> queued = new ArrayList<>();
        try (ServerSocket neverAccepts = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            int port = neverAccepts.getLocalPort();
            fillBacklog(port, queued);

            CommandRun.Result result = CommandRun.run(new FiletransferCli(), "send", "127.0.0.1:" + port, file.toString());

            assertThat(result.exitCode()).as(result.err()).isEqualTo(3);
            assertThat(result.err()).startsWith("error: could not connect: 127.0.0.1:" + port + " did not answer within 10.0 s");
        } finally {
            for (Socket socket : queued) {
                socket.close();
            }
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void serveRefusesAHandshakeTimeoutOfZeroAsAUsageError() throws Exception {
        CommandRun.Result result = CommandRun.run(new FiletransferCli(), "serve", "--dir", tmp.toString(), "--port", "0",
                "--handshake-timeout", "0s");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("error: --handshake-timeout must be positive");
    }

    /** Connects until a connect does not complete: then the kernel's accept queue is full and drops SYNs. */
    private static void fillBacklog(int port, List<Socket> queued) throws IOException {
        for (int i = 0; i < 64; i++) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 300);
                queued.add(socket);
            } catch (java.net.SocketTimeoutException full) {
                socket.close();
                return;
            }
        }
        throw new IllegalStateException("the accept queue never filled after 64 connections");
    }
}
