package dev.netlab.filetransfer.pairing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netlab.common.cli.Launcher;
import dev.netlab.common.testing.CommandRun;
import dev.netlab.filetransfer.Fixtures;
import dev.netlab.filetransfer.cli.FiletransferCli;
import dev.netlab.filetransfer.client.ClientOptions;
import dev.netlab.filetransfer.client.FileClient;
import dev.netlab.filetransfer.client.TransferProgress;
import dev.netlab.filetransfer.client.TransferSummary;
import dev.netlab.filetransfer.protocol.AuthenticationRefusedException;
import dev.netlab.filetransfer.protocol.DigestAlgorithm;
import dev.netlab.filetransfer.server.FileServer;
import dev.netlab.filetransfer.tls.KnownServers;
import dev.netlab.filetransfer.tls.TlsAcceptor;
import dev.netlab.filetransfer.tls.TlsConnector;
import dev.netlab.filetransfer.tls.TlsIdentity;
import dev.netlab.filetransfer.tls.TlsTransport;
import dev.netlab.filetransfer.transport.Transport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A {@code --lan} server's pairing over TLS on loopback: paired transfers, wrong codes, retirement, tokens. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PairingTransferTest {

    private static final byte[] TOKEN = "a token for the test".getBytes(StandardCharsets.UTF_8);
    private static TlsIdentity identity;

    @TempDir
    Path tmp;

    private final List<String> notices = new CopyOnWriteArrayList<>();
    private final List<PairingCode> newCodes = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void createIdentity(@TempDir Path identities) throws IOException {
        identity = TlsIdentity.loadOrCreate(identities.resolve("server.p12"));
    }

    private FileServer lanServer(Path dir, PairingCodeKeeper keeper, byte[] token) throws IOException {
        return lanServer(dir, keeper, token, identity);
    }

    static FileServer lanServer(Path dir, PairingCodeKeeper keeper, byte[] token, TlsIdentity id) throws IOException {
        return Fixtures.server(dir, token, PairingTransport.server(TlsAcceptor.create(id), keeper));
    }

    private FileClient client(FileServer server, Transport transport, byte[] token, int streams) throws IOException {
        ClientOptions d = ClientOptions.defaults("127.0.0.1", server.localAddress().getPort());
        return new FileClient(new ClientOptions(d.host(), d.port(), token, 64 * 1024, DigestAlgorithm.XXH128, streams,
                d.connectTimeout(), d.readTimeout(), transport));
    }

    private Transport pairing(String code) {
        return PairingTransport.client(PairingCode.parse(code), new KnownServers(tmp.resolve("known_servers")), notices::add);
    }

    @Test
    void pairedSendOverParallelStreamsDeliversIdenticalFilesAndRecordsTheServer() throws Exception {
        Path src = tmp.resolve("src/tree");
        // Below the striping threshold (4 chunks per connection): whole files on parallel connections,
        // each of which pairs; striping itself is tested in stripe/StripeTest.
        Fixtures.randomFile(src.resolve("big.bin"), 700_003, 1);
        Fixtures.randomFile(src.resolve("other.bin"), 500_001, 3);
        Fixtures.randomFile(src.resolve("sub/small.bin"), 17, 2);
        Path dst = Files.createDirectories(tmp.resolve("dst"));
        PairingCode code = PairingCode.generate();
        try (FileServer server = lanServer(dst, new PairingCodeKeeper(code, newCodes::add), null)) {
            TransferSummary summary = client(server, pairing(code.reveal()), null, 3).send(List.of(src), "", TransferProgress.NONE);
            assertThat(summary.ok()).isTrue();
            String key = KnownServers.key("127.0.0.1", server.localAddress().getPort());
            assertThat(new KnownServers(tmp.resolve("known_servers")).lookup(key))
                    .hasValueSatisfying(e -> assertThat(e.fingerprint()).isEqualTo(identity.fingerprint()));
        }
        assertThat(Fixtures.tree(dst.resolve("tree"))).isEqualTo(Fixtures.tree(src));
        assertThat(notices).hasSize(1).first().asString().startsWith("pairing: paired with 127.0.0.1:")
                .doesNotContain(code.reveal().substring(5));
        assertThat(newCodes).isEmpty();
    }

    @Test
    void wrongCodeIsRefusedWithExitCode4AndNothingIsWritten() throws Exception {
        Path src = Fixtures.randomFile(tmp.resolve("src/a.bin"), 100_000, 3);
        Path dst = Files.createDirectories(tmp.resolve("dst"));
        PairingCode code = PairingCode.parse("1234-maple-otter-quartz");
        try (FileServer server = lanServer(dst, new PairingCodeKeeper(code, newCodes::add), null)) {
            FileClient wrong = client(server, pairing("1234-maple-otter-quarry"), null, 1);
            assertThatThrownBy(() -> wrong.send(List.of(src), "", TransferProgress.NONE))
                    .isInstanceOf(PairingRefusedException.class).hasMessage("pairing refused: wrong code")
                    .satisfies(e -> assertThat(Launcher.exitCodeOf(e)).isEqualTo(4));
        }
        try (var files = Files.list(dst)) {
            assertThat(files).isEmpty();
        }
        assertThat(Files.exists(tmp.resolve("known_servers"))).isFalse();
    }

    @Test
    void aPinBesideACodeIsAUsageErrorAndNothingIsSent() throws Exception {
        Path src = Fixtures.randomFile(tmp.resolve("src/a.bin"), 1000, 4);
        Path dst = Files.createDirectories(tmp.resolve("dst"));
        PairingCode code = PairingCode.parse("1234-maple-otter-quartz");
        try (FileServer server = lanServer(dst, new PairingCodeKeeper(code, newCodes::add), null)) {
            CommandRun.Result result = CommandRun.run(new FiletransferCli(), "send",
                    "127.0.0.1:" + server.localAddress().getPort(), "--code", code.reveal(), "--tls-pin",
                    identity.fingerprint().toString(), src.toString(), "--known-servers", tmp.resolve("known_servers").toString());
            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.err().strip()).isEqualTo("error: --tls-pin does not go with --code: the pairing proves"
                    + " which server knows the code, and records its fingerprint (see 'filetransfer send --help')");
        }
        try (var files = Files.list(dst)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void fiveWrongCodesRetireTheCodeAndOnlyTheNewOnePairs() throws Exception {
        Path src = Fixtures.randomFile(tmp.resolve("src/a.bin"), 10_000, 4);
        Path dst = Files.createDirectories(tmp.resolve("dst"));
        PairingCode first = PairingCode.generate();
        PairingCodeKeeper keeper = new PairingCodeKeeper(first, newCodes::add);
        try (FileServer server = lanServer(dst, keeper, null)) {
            for (int i = 0; i < PairingCodeKeeper.MAX_FAILED_ATTEMPTS; i++) {
                assertThat(newCodes).as("still the first code after %d failures", i).isEmpty();
                FileClient guesser = client(server, pairing("0000-wrong-guess-number" + "abcde".charAt(i)), null, 1);
                assertThatThrownBy(() -> guesser.list("")).isInstanceOf(PairingRefusedException.class);
            }
            assertThat(newCodes).hasSize(1);
            assertThat(keeper.current()).isEqualTo(newCodes.get(0)).isNotEqualTo(first);
            assertThatThrownBy(() -> client(server, pairing(first.reveal()), null, 1).list(""))
                    .as("the retired code").hasMessage("pairing refused: wrong code");
            TransferSummary summary = client(server, pairing(newCodes.get(0).reveal()), null, 1)
                    .send(List.of(src), "", TransferProgress.NONE);
            assertThat(summary.ok()).isTrue();
        }
        assertThat(Files.mismatch(dst.resolve("a.bin"), src)).isEqualTo(-1);
    }

    @Test
    void anUnpairedClientWithoutATokenIsRefusedAndOneWithTheTokenIsServed() throws Exception {
        Path src = Fixtures.randomFile(tmp.resolve("src/a.bin"), 10_000, 5);
        Path dst = Files.createDirectories(tmp.resolve("dst"));
        PairingCode code = PairingCode.generate();
        KnownServers known = new KnownServers(tmp.resolve("known_servers"));
        try (FileServer noToken = lanServer(dst, new PairingCodeKeeper(code, newCodes::add), null)) {
            Transport tls = TlsTransport.client(TlsConnector.create(known, null, notices::add));
            assertThatThrownBy(() -> client(noToken, tls, null, 1).send(List.of(src), "", TransferProgress.NONE))
                    .isInstanceOf(AuthenticationRefusedException.class)
                    .hasMessage("authentication refused: this server accepts only paired clients:"
                            + " give its pairing code with --code");
        }
        try (var files = Files.list(dst)) {
            assertThat(files).isEmpty();
        }
        try (FileServer withToken = lanServer(dst, new PairingCodeKeeper(code, newCodes::add), TOKEN)) {
            Transport tls = TlsTransport.client(TlsConnector.create(known, identity.fingerprint(), notices::add));
            assertThatThrownBy(() -> client(withToken, tls, null, 1).list(""))
                    .isInstanceOf(AuthenticationRefusedException.class);
            assertThat(client(withToken, tls, TOKEN, 1).send(List.of(src), "", TransferProgress.NONE).ok()).isTrue();
            assertThat(client(withToken, pairing(code.reveal()), null, 1).list("")).hasSize(1);
        }
    }

    @Test
    void garbageAfterThePairingOpeningEndsThatConnectionOnly() throws Exception {
        Path dst = Files.createDirectories(tmp.resolve("dst"));
        PairingCode code = PairingCode.generate();
        try (FileServer server = lanServer(dst, new PairingCodeKeeper(code, newCodes::add), null)) {
            // A TLS client that opens a pairing, then claims a 65535-byte message of an unknown type.
            SocketChannel raw = SocketChannel.open(server.localAddress());
            var tls = TlsTransport.client(TlsConnector.forPairing(f -> { })).clientSide(raw, "127.0.0.1",
                    server.localAddress().getPort());
            ByteBuffer hostile = ByteBuffer.allocate(8).putInt(PairingFormat.MAGIC).put((byte) PairingFormat.VERSION).put((byte) 9)
                    .putShort((short) 0xFFFF).flip();
            tls.out().write(hostile);
            assertThat(tls.in().read(ByteBuffer.allocate(100))).as("the server hangs up").isLessThanOrEqualTo(100);
            tls.close();
            assertThat(client(server, pairing(code.reveal()), null, 1).list("")).isEmpty();
        }
    }

    @Test
    void aClientOfTheOldPairingVersionHearsWhyAndIsNotCountedAsAGuess() throws Exception {
        Path dst = Files.createDirectories(tmp.resolve("dst"));
        PairingCode code = PairingCode.generate();
        try (FileServer server = lanServer(dst, new PairingCodeKeeper(code, newCodes::add), null)) {
            for (int i = 0; i < PairingCodeKeeper.MAX_FAILED_ATTEMPTS; i++) {
                SocketChannel raw = SocketChannel.open(server.localAddress());
                var tls = TlsTransport.client(TlsConnector.forPairing(f -> { })).clientSide(raw, "127.0.0.1",
                        server.localAddress().getPort());
                // A version-1 client's opening; REFUSED is framed alike in every version, so it reads the reason.
                tls.out().write(ByteBuffer.allocate(PairingFormat.OPENING_LENGTH).putInt(PairingFormat.MAGIC)
                        .put((byte) 1).flip());
                assertThatThrownBy(() -> new PairingReader(tls.in()).expect(PairingFormat.ROUNDS_1_2))
                        .isInstanceOf(PairingRefusedException.class)
                        .hasMessage("pairing refused: this server speaks pairing version 2, the client 1;"
                                + " run the same netlab version on both sides");
                tls.close();
            }
            assertThat(newCodes).as("version refusals are not wrong codes").isEmpty();
            assertThat(client(server, pairing(code.reveal()), null, 1).list("")).isEmpty();
        }
    }
}
