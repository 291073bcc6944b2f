package dev.netlab.filetransfer.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.netlab.common.cli.Launcher;
import dev.netlab.filetransfer.Fixtures;
import dev.netlab.filetransfer.client.ClientOptions;
import dev.netlab.filetransfer.client.FileClient;
import dev.netlab.filetransfer.client.TransferProgress;
import dev.netlab.filetransfer.client.TransferSummary;
import dev.netlab.filetransfer.demo.FaultyRelay;
import dev.netlab.filetransfer.engine.FileOutcome;
import dev.netlab.filetransfer.protocol.DigestAlgorithm;
import dev.netlab.filetransfer.protocol.ErrorCode;
import dev.netlab.filetransfer.protocol.FileStatus;
import dev.netlab.filetransfer.protocol.Message;
import dev.netlab.filetransfer.server.FileServer;
import dev.netlab.filetransfer.server.ServerConfig;
import dev.netlab.filetransfer.transport.Transport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The filetransfer server and client over {@link TlsTransport}: verified transfers with a token
 * and parallel streams, downloads, listings, resume, and the mismatches, on loopback.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TlsTransferTest {

    private static final int CHUNK = 64 * 1024;
    private static final byte[] TOKEN = "a shared secret for the test".getBytes(StandardCharsets.UTF_8);

    private static TlsIdentity identity;

    @TempDir
    Path tmp;

    private final List<String> notices = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void createIdentity(@TempDir Path identities) throws IOException {
        identity = TlsIdentity.loadOrCreate(identities.resolve("server.p12"));
    }

    private FileServer server(Path dir, Transport transport, byte[] token) throws IOException {
        ServerConfig loopback = ServerConfig.loopback(dir).withToken(token);
        return Fixtures.server(new ServerConfig(loopback.directory(), loopback.bind(), loopback.token(),
                loopback.maxConnections(), loopback.maxFileSize(), loopback.maxFilesPerSession(), loopback.onExists(),
                loopback.fsync(), loopback.readTimeout(), loopback.idleTimeout(), transport));
    }

    private FileServer tlsServer(Path dir) throws IOException {
        return server(dir, TlsTransport.server(TlsAcceptor.create(identity)), TOKEN);
    }

    private Transport tlsClient(Fingerprint pin) {
        return TlsTransport.client(TlsConnector.create(new KnownServers(tmp.resolve("known_servers")), pin, notices::add));
    }

    private static FileClient client(int port, Transport transport, int streams) {
        ClientOptions d = ClientOptions.defaults("127.0.0.1", port);
        return new FileClient(new ClientOptions(d.host(), d.port(), TOKEN, CHUNK, DigestAlgorithm.XXH128, streams,
                d.connectTimeout(), d.readTimeout(), transport));
    }

    @Test
    void sendsFilesVerifiedOverTlsWithATokenAndParallelStreams() throws Exception {
        Path src = tmp.resolve("src/tree");
        Fixtures.randomFile(src.resolve("big.bin"), 3 * 1024 * 1024 + 5, 1);
        Fixtures.randomFile(src.resolve("medium.bin"), 700_001, 2);
        Fixtures.randomFile(src.resolve("sub/small.bin"), 17, 3);
        Fixtures.randomFile(src.resolve("sub/empty.bin"), 0, 4);
        Path dst = Files.createDirectories(tmp.resolve("dst"));

        try (FileServer server = tlsServer(dst)) {
            int port = server.localAddress().getPort();
            TransferSummary summary = client(port, tlsClient(null), 3).send(List.of(src), "", TransferProgress.NONE);

            assertThat(summary.ok()).isTrue();
            assertThat(summary.files()).filteredOn(f -> !f.directory())
                    .extracting(FileOutcome::status).containsOnly(FileStatus.VERIFIED);
            assertThat(notices).hasSize(1).first().asString().contains(identity.fingerprint().toString());
        }
        assertThat(Fixtures.tree(dst.resolve("tree"))).isEqualTo(Fixtures.tree(src));
    }

    @Test
    void getsAndListsOverTlsWithAPinnedIdentity() throws Exception {
        Path served = Files.createDirectories(tmp.resolve("served"));
        Fixtures.randomFile(served.resolve("docs/report.bin"), 1_234_567, 5);
        Path out = Files.createDirectories(tmp.resolve("out"));

        try (FileServer server = tlsServer(served)) {
            FileClient client = client(server.localAddress().getPort(), tlsClient(identity.fingerprint()), 1);

            assertThat(client.list("docs")).extracting(Message.ListingEntry::name).containsExactly("report.bin");
            TransferSummary summary = client.get(List.of("docs/report.bin"), out, TransferProgress.NONE);

            assertThat(summary.ok()).isTrue();
        }
        assertThat(Files.mismatch(out.resolve("report.bin"), served.resolve("docs/report.bin"))).isEqualTo(-1);
        assertThat(notices).isEmpty();
    }

    @Test
    void resumesAnUploadCutOffMidwayOverTls() throws Exception {
        Path src = Fixtures.randomFile(tmp.resolve("src/resume.bin"), 4 * 1024 * 1024, 6);
        Path dst = Files.createDirectories(tmp.resolve("dst"));

        try (FileServer server = tlsServer(dst);
             FaultyRelay cutter = new FaultyRelay(server.localAddress(), 2 * 1024 * 1024, Set.of())) {
            Transport tls = tlsClient(identity.fingerprint());
            assertThatThrownBy(() -> client(cutter.port(), tls, 1).send(List.of(src), "", TransferProgress.NONE))
                    .isInstanceOf(IOException.class);

            // The server answers BUSY until its session notices the cut and lets go of the file.
            FileClient direct = client(server.localAddress().getPort(), tls, 1);
            AtomicReference<TransferSummary> last = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                last.set(direct.send(List.of(src), "", TransferProgress.NONE));
                return last.get().files().stream().noneMatch(f -> f.code() == ErrorCode.BUSY);
            });
            TransferSummary resumed = last.get();

            assertThat(resumed.ok()).as("outcomes %s", resumed.files()).isTrue();
            assertThat(resumed.resumedBytes()).isPositive();
        }
        assertThat(Files.mismatch(dst.resolve("resume.bin"), src)).isEqualTo(-1);
    }

    @Test
    void refusesAServerNotMatchingThePinWithExitCode4() throws Exception {
        Path src = Fixtures.randomFile(tmp.resolve("src/a.bin"), 10, 7);
        Fingerprint other = TlsIdentity.loadOrCreate(tmp.resolve("other.p12")).fingerprint();
        try (FileServer server = tlsServer(Files.createDirectories(tmp.resolve("dst")))) {
            FileClient client = client(server.localAddress().getPort(), tlsClient(other), 1);

            assertThatThrownBy(() -> client.send(List.of(src), "", TransferProgress.NONE))
                    .isInstanceOf(ServerIdentityRefusedException.class)
                    .satisfies(e -> assertThat(Launcher.exitCodeOf(e)).isEqualTo(4));
        }
        assertThat(tmp.resolve("dst/a.bin")).doesNotExist();
    }

    @Test
    void plaintextClientOnTlsServerIsToldToAddTls() throws Exception {
        try (FileServer server = tlsServer(Files.createDirectories(tmp.resolve("dst")))) {
            int port = server.localAddress().getPort();
            FileClient client = client(port, TlsDetectingPlainTransport.INSTANCE, 1);

            assertThatThrownBy(() -> client.list(""))
                    .isInstanceOf(TlsMismatchException.class)
                    .hasMessage("server at 127.0.0.1:" + port + " speaks TLS (first byte 0x15 is a TLS record); add --tls")
                    .satisfies(e -> assertThat(Launcher.exitCodeOf(e)).isEqualTo(3));
        }
    }

    @Test
    void tlsClientOnPlaintextServerIsToldTheServerDoesNotSpeakTls() throws Exception {
        try (FileServer server = server(Files.createDirectories(tmp.resolve("dst")),
                TlsDetectingPlainTransport.INSTANCE, TOKEN)) {
            int port = server.localAddress().getPort();
            FileClient client = client(port, tlsClient(null), 1);

            assertThatThrownBy(() -> client.list(""))
                    .isInstanceOf(TlsMismatchException.class)
                    .hasMessage("server at 127.0.0.1:" + port + " does not speak TLS (is it running without --tls?)");
        }
        assertThat(tmp.resolve("known_servers")).doesNotExist();
    }

    @Test
    void silentPlaintextClientOnTlsServerGetsTheAlertAfterTheHandshakeTimeout() throws Exception {
        TlsAcceptor impatient = TlsAcceptor.create(identity, Duration.ofMillis(300));
        try (FileServer server = server(Files.createDirectories(tmp.resolve("dst")), TlsTransport.server(impatient), TOKEN);
             Socket silent = new Socket(InetAddress.getLoopbackAddress(), server.localAddress().getPort())) {
            String key = "127.0.0.1:" + server.localAddress().getPort();
            ReadableByteChannel in = PlaintextGuard.refusingTlsServer(Channels.newChannel(silent.getInputStream()), key);

            assertThatThrownBy(() -> in.read(ByteBuffer.allocate(16)))
                    .isInstanceOf(TlsMismatchException.class)
                    .hasMessage("server at " + key + " speaks TLS (first byte 0x15 is a TLS record); add --tls");
        }
    }

    @Test
    void refusesAServerWhoseIdentityChangedSinceTheLastTransferWithExitCode4() throws Exception {
        Path src = Fixtures.randomFile(tmp.resolve("src/a.bin"), 1000, 8);
        Path dst = Files.createDirectories(tmp.resolve("dst"));
        TlsIdentity replaced = TlsIdentity.loadOrCreate(tmp.resolve("replaced.p12"));
        int port;
        try (FileServer original = tlsServer(dst)) {
            port = original.localAddress().getPort();
            assertThat(client(port, tlsClient(null), 1).send(List.of(src), "", TransferProgress.NONE).ok()).isTrue();
        }
        ServerConfig loopback = ServerConfig.loopback(dst).withToken(TOKEN);
        ServerConfig samePort = new ServerConfig(dst, new InetSocketAddress("127.0.0.1", port), TOKEN,
                loopback.maxConnections(), loopback.maxFileSize(), loopback.maxFilesPerSession(), loopback.onExists(),
                loopback.fsync(), loopback.readTimeout(), loopback.idleTimeout(),
                TlsTransport.server(TlsAcceptor.create(replaced)));

        try (FileServer impostor = Fixtures.server(samePort)) {
            assertThatThrownBy(() -> client(port, tlsClient(null), 1).list(""))
                    .isInstanceOf(ServerIdentityRefusedException.class)
                    .hasMessageContaining("has changed")
                    .hasMessageContaining("records " + identity.fingerprint())
                    .hasMessageContaining("presented " + replaced.fingerprint())
                    .satisfies(e -> assertThat(Launcher.exitCodeOf(e)).isEqualTo(4));
        }
    }

    /**
     * Were the handshake run on the accept thread, the listing would wait behind the silent
     * client's handshake until its deadline, and the server would have given up on the silent
     * client (alert and close) before serving it. The deadline here is far beyond the test's
     * time limit, so that serial handshakes fail at the limit, and the check does not depend on
     * how fast a loaded machine serves the listing: after it, the silent client has heard nothing.
     */
    @Test
    void aSilentClientDoesNotHoldUpTheHandshakesOfOthers() throws Exception {
        Path served = Files.createDirectories(tmp.resolve("served"));
        Files.writeString(served.resolve("hello.txt"), "hello");
        TlsAcceptor patient = TlsAcceptor.create(identity, Duration.ofMinutes(5));
        try (FileServer server = server(served, TlsTransport.server(patient), TOKEN);
             Socket silent = new Socket(InetAddress.getLoopbackAddress(), server.localAddress().getPort())) {
            FileClient client = client(server.localAddress().getPort(), tlsClient(identity.fingerprint()), 1);

            assertThat(client.list("")).extracting(Message.ListingEntry::name).containsExactly("hello.txt");
            silent.setSoTimeout(100);
            assertThatThrownBy(() -> silent.getInputStream().read())
                    .as("the silent client's handshake is still pending: no alert, no close")
                    .isInstanceOf(SocketTimeoutException.class);
        }
    }
}
