package dev.netlab.filetransfer.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netlab.common.cli.Launcher;
import dev.netlab.common.testing.TestData;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TlsConnectionTest {

    private static final String HOST = "127.0.0.1";

    private static TlsIdentity serverIdentity;
    private static TlsIdentity otherIdentity;

    @TempDir
    Path dir;

    private final List<String> notices = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void createIdentities(@TempDir Path identities) throws IOException {
        serverIdentity = TlsIdentity.loadOrCreate(identities.resolve("server.p12"));
        otherIdentity = TlsIdentity.loadOrCreate(identities.resolve("impostor.p12"));
    }

    private static LoopbackServer digestServer(TlsIdentity identity) throws IOException {
        TlsAcceptor acceptor = TlsAcceptor.create(identity);
        return LoopbackServer.start(accepted -> {
            try (TlsConnection ssl = acceptor.accept(accepted)) {
                DigestEcho.serve(ssl);
            }
        });
    }

    private KnownServers knownServers() {
        return new KnownServers(dir.resolve("known_servers"));
    }

    private TlsConnector trustOnFirstUse() {
        return TlsConnector.create(knownServers(), null, notices::add);
    }

    private static TlsConnection connect(TlsConnector connector, int port) throws IOException {
        Socket plain = new Socket(InetAddress.getByName(HOST), port);
        return connector.connect(plain, HOST, port);
    }

    @Test
    void carriesBytesIntactOverTls13WithAes128GcmFirst() throws Exception {
        byte[] data = TestData.randomBytes(4 * 1024 * 1024 + 17, 42);
        try (LoopbackServer server = digestServer(serverIdentity);
             TlsConnection ssl = connect(trustOnFirstUse(), server.port())) {
            assertThat(ssl.getSession().getProtocol()).isEqualTo("TLSv1.3");
            assertThat(ssl.getSession().getCipherSuite()).isEqualTo("TLS_AES_128_GCM_SHA256");
            assertThat(DigestEcho.send(ssl, data)).isEqualTo(DigestEcho.sha256(data));
        }
    }

    @Test
    void recordsServerFingerprintOnFirstContactAndNoticesOnlyOnce() throws Exception {
        try (LoopbackServer server = digestServer(serverIdentity)) {
            TlsConnector connector = trustOnFirstUse();
            for (int i = 0; i < 2; i++) {
                try (TlsConnection ssl = connect(connector, server.port())) {
                    assertThat(DigestEcho.send(ssl, new byte[] {1})).hasSize(DigestEcho.DIGEST_LENGTH);
                }
            }
            String key = HOST + ":" + server.port();
            assertThat(notices).containsExactly("tls: first contact with " + key
                    + "; trusting its identity " + serverIdentity.fingerprint()
                    + " from now on (recorded in " + knownServers().file() + " line 2)");
            assertThat(Files.readAllLines(knownServers().file(), StandardCharsets.UTF_8))
                    .endsWith(key + " " + serverIdentity.fingerprint());
        }
    }

    @Test
    void trustsRecordedServerInALaterRunWithoutNotice() throws Exception {
        try (LoopbackServer server = digestServer(serverIdentity)) {
            knownServers().recordIfAbsent(KnownServers.key(HOST, server.port()), serverIdentity.fingerprint());
            try (TlsConnection ssl = connect(trustOnFirstUse(), server.port())) {
                assertThat(DigestEcho.send(ssl, new byte[] {1, 2})).isEqualTo(DigestEcho.sha256(new byte[] {1, 2}));
            }
            assertThat(notices).isEmpty();
        }
    }

    @Test
    void refusesServerWhoseIdentityChangedNamingBothFingerprints() throws Exception {
        try (LoopbackServer server = digestServer(otherIdentity)) {
            String key = HOST + ":" + server.port();
            knownServers().recordIfAbsent(key, serverIdentity.fingerprint());

            assertThatThrownBy(() -> connect(trustOnFirstUse(), server.port()))
                    .isInstanceOf(ServerIdentityRefusedException.class)
                    .hasMessage("WARNING: the TLS identity of server " + key + " has changed: "
                            + knownServers().file() + " line 2 records " + serverIdentity.fingerprint()
                            + " but the server presented " + otherIdentity.fingerprint()
                            + ". Someone may be intercepting the connection, or the server's identity"
                            + " was replaced; refusing to connect. If the change is expected, delete that"
                            + " line (or pass --tls-pin " + otherIdentity.fingerprint() + ").")
                    .satisfies(e -> assertThat(Launcher.exitCodeOf(e)).isEqualTo(4));
            assertThat(server.nextFailure()).hasMessageMatching("client /127\\.0\\.0\\.1:\\d+ refused this server's"
                    + " TLS identity \\(alert certificate_unknown\\): it knows this address by another"
                    + " fingerprint or was given another --tls-pin");
            assertThat(Files.readAllLines(knownServers().file(), StandardCharsets.UTF_8))
                    .endsWith(key + " " + serverIdentity.fingerprint());
        }
    }

    @Test
    void acceptsServerMatchingPinWithoutTouchingKnownServers() throws Exception {
        try (LoopbackServer server = digestServer(serverIdentity)) {
            TlsConnector pinned = TlsConnector.create(knownServers(), serverIdentity.fingerprint(), notices::add);
            try (TlsConnection ssl = connect(pinned, server.port())) {
                assertThat(DigestEcho.send(ssl, new byte[] {7})).isEqualTo(DigestEcho.sha256(new byte[] {7}));
            }
            assertThat(notices).isEmpty();
            assertThat(knownServers().file()).doesNotExist();
        }
    }

    @Test
    void refusesServerNotMatchingPinWithExitCode4() throws Exception {
        try (LoopbackServer server = digestServer(otherIdentity)) {
            TlsConnector pinned = TlsConnector.create(knownServers(), serverIdentity.fingerprint(), notices::add);

            assertThatThrownBy(() -> connect(pinned, server.port()))
                    .isInstanceOf(ServerIdentityRefusedException.class)
                    .hasMessage("server at " + HOST + ":" + server.port() + " presented TLS identity "
                            + otherIdentity.fingerprint() + " but --tls-pin is " + serverIdentity.fingerprint()
                            + "; refusing to connect")
                    .satisfies(e -> assertThat(Launcher.exitCodeOf(e)).isEqualTo(4));
        }
    }

    @Test
    void parallelFirstConnectionsRecordTheServerOnce() throws Exception {
        int streams = 6;
        ExecutorService clients = Executors.newFixedThreadPool(streams);
        try (LoopbackServer server = digestServer(serverIdentity)) {
            TlsConnector connector = trustOnFirstUse();
            List<Future<byte[]>> digests = new ArrayList<>();
            for (int i = 0; i < streams; i++) {
                byte[] data = TestData.randomBytes(1000 + i, i);
                digests.add(clients.submit(() -> {
                    try (TlsConnection ssl = connect(connector, server.port())) {
                        return DigestEcho.send(ssl, data);
                    }
                }));
            }
            for (int i = 0; i < streams; i++) {
                assertThat(digests.get(i).get()).isEqualTo(DigestEcho.sha256(TestData.randomBytes(1000 + i, i)));
            }
            assertThat(notices).hasSize(1);
            assertThat(Files.readAllLines(knownServers().file(), StandardCharsets.UTF_8))
                    .filteredOn(line -> !line.startsWith("#"))
                    .containsExactly(HOST + ":" + server.port() + " " + serverIdentity.fingerprint());
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void acceptsConnectionsFromServerSocketChannel() throws Exception {
        TlsAcceptor acceptor = TlsAcceptor.create(serverIdentity);
        byte[] data = TestData.randomBytes(300_000, 3);
        try (ServerSocketChannel listener = ServerSocketChannel.open()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            int port = ((InetSocketAddress) listener.getLocalAddress()).getPort();
            ExecutorService serverThread = Executors.newSingleThreadExecutor();
            try {
                Future<?> served = serverThread.submit(() -> {
                    try (SocketChannel channel = listener.accept();
                         TlsConnection ssl = acceptor.accept(channel.socket())) {
                        DigestEcho.serve(ssl);
                    }
                    return null;
                });
                try (TlsConnection ssl = connect(trustOnFirstUse(), port)) {
                    assertThat(DigestEcho.send(ssl, data)).isEqualTo(DigestEcho.sha256(data));
                }
                served.get();
            } finally {
                serverThread.shutdownNow();
            }
        }
    }
}
