package dev.netlab.filetransfer.pairing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netlab.common.testing.CommandRun;
import dev.netlab.common.testing.LoopbackDiscovery;
import dev.netlab.filetransfer.Fixtures;
import dev.netlab.filetransfer.cli.FiletransferCli;
import dev.netlab.filetransfer.client.ClientOptions;
import dev.netlab.filetransfer.client.FileClient;
import dev.netlab.filetransfer.client.TransferProgress;
import dev.netlab.filetransfer.server.FileServer;
import dev.netlab.filetransfer.tls.KnownServers;
import dev.netlab.filetransfer.tls.TlsAcceptor;
import dev.netlab.filetransfer.tls.TlsConnector;
import dev.netlab.filetransfer.tls.TlsIdentity;
import dev.netlab.filetransfer.tls.TlsTransport;
import dev.netlab.filetransfer.transport.PeerChannels;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Servers that are not who the client wants: same rendezvous id, other code; a relay with its own certificate. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ImpostorTest {

    private static TlsIdentity real;
    private static TlsIdentity other;

    @TempDir
    Path tmp;

    @BeforeAll
    static void identities(@TempDir Path dir) throws IOException {
        real = TlsIdentity.loadOrCreate(dir.resolve("real.p12"));
        other = TlsIdentity.loadOrCreate(dir.resolve("other.p12"));
    }

    @RegisterExtension
    final LoopbackDiscovery discovery = new LoopbackDiscovery();

    @Test
    void aSecondServerWithTheSameRendezvousIdGetsNoFileDataAndTheRightOneGetsTheFile() throws Exception {
        Path realDir = Files.createDirectories(tmp.resolve("real"));
        Path impostorDir = Files.createDirectories(tmp.resolve("impostor"));
        Path file = Fixtures.randomFile(tmp.resolve("src/data.bin"), 1_000_000, 9);
        PairingCode code = PairingCode.parse("7777-maple-otter-quartz");
        PairingCode impostorCode = PairingCode.parse("7777-cedar-lynx-opal");
        PairingCodeKeeper impostorKeeper = new PairingCodeKeeper(impostorCode, c -> { });
        try (FileServer impostor = PairingTransferTest.lanServer(impostorDir, impostorKeeper, null, other);
             LanPresence impostorPresence = LanPresence.announce("impostor", impostor.localAddress().getPort(),
                     other.fingerprint(), impostorKeeper);
             FileServer server = PairingTransferTest.lanServer(realDir, new PairingCodeKeeper(code, c -> { }), null, real);
             LanPresence presence = LanPresence.announce("real", server.localAddress().getPort(), real.fingerprint(),
                     new PairingCodeKeeper(code, c -> { }))) {
            // Both announce the id, so the client meets the impostor first or second: first, it is
            // refused and asks the LAN again for the other.
            List<InetSocketAddress> heard = new ArrayList<>(LanPresence.find(code, LanPresence.FIND_WAIT, "-"));
            heard.addAll(LanPresence.findOthers(code, heard, LanPresence.FIND_WAIT));
            assertThat(heard).hasSize(2);
            CommandRun.Result sent = CommandRun.run(new FiletransferCli(), "send", "--code", code.reveal(), file.toString(),
                    "--known-servers", tmp.resolve("known_servers").toString());
            assertThat(sent.exitCode()).as(sent.err()).isZero();
        }
        assertThat(Files.mismatch(realDir.resolve("data.bin"), file)).isEqualTo(-1);
        try (Stream<Path> everything = Files.walk(impostorDir)) {
            assertThat(everything.filter(p -> !p.equals(impostorDir))).as("not even a part file").isEmpty();
        }
        String known = Files.readString(tmp.resolve("known_servers"));
        assertThat(known).contains(real.fingerprint().toString()).doesNotContain(other.fingerprint().toString());
    }

    @Test
    void aRelayPresentingItsOwnCertificateFailsThePairingAndGetsNoFileData() throws Exception {
        Path realDir = Files.createDirectories(tmp.resolve("real"));
        Path file = Fixtures.randomFile(tmp.resolve("src/data.bin"), 100_000, 10);
        PairingCode code = PairingCode.generate();
        try (FileServer server = PairingTransferTest.lanServer(realDir, new PairingCodeKeeper(code, c -> { }), null, real);
             TlsRelay relay = new TlsRelay(other, server.localAddress())) {
            ClientOptions d = ClientOptions.defaults("127.0.0.1", relay.port());
            FileClient client = new FileClient(new ClientOptions(d.host(), d.port(), null, 64 * 1024, d.algorithm(), 1,
                    d.connectTimeout(), d.readTimeout(), PairingTransport.client(code,
                    new KnownServers(tmp.resolve("known_servers")), s -> { })));
            assertThatThrownBy(() -> client.send(List.of(file), "", TransferProgress.NONE))
                    .isInstanceOf(PairingRefusedException.class)
                    .hasMessageStartingWith("pairing refused: the client saw another TLS certificate than this server's "
                            + real.fingerprint());
            assertThat(relay.bytesTowardsServer()).as("only the pairing reached the server").isLessThan(4096);
        }
        try (Stream<Path> everything = Files.walk(realDir)) {
            assertThat(everything.filter(p -> !p.equals(realDir))).isEmpty();
        }
        assertThat(Files.exists(tmp.resolve("known_servers"))).isFalse();
    }

    /** A man in the middle: terminates the client's TLS with its own certificate and relays the plaintext. */
    private static final class TlsRelay implements AutoCloseable {
        private final ServerSocketChannel listener;
        private final Thread thread;
        private volatile long towardsServer;

        TlsRelay(TlsIdentity identity, InetSocketAddress server) throws IOException {
            listener = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
            TlsTransport front = TlsTransport.server(TlsAcceptor.create(identity));
            thread = new Thread(() -> {
                try (SocketChannel accepted = listener.accept(); SocketChannel upstream = SocketChannel.open(server)) {
                    PeerChannels client = front.serverSide(accepted);
                    PeerChannels toServer = TlsTransport.client(TlsConnector.forPairing(f -> { }))
                            .clientSide(upstream, "127.0.0.1", server.getPort());
                    Thread back = new Thread(() -> pump(toServer.in(), client.out(), false));
                    back.start();
                    pump(client.in(), toServer.out(), true);
                    back.join(5_000);
                } catch (IOException | InterruptedException e) {
                    // the relay ends with either side
                }
            }, "tls-relay");
            thread.start();
        }

        private void pump(ReadableByteChannel in, WritableByteChannel out, boolean counting) {
            ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
            try {
                while (in.read(buffer) >= 0) {
                    buffer.flip();
                    if (counting) {
                        towardsServer += buffer.remaining();
                    }
                    while (buffer.hasRemaining()) {
                        out.write(buffer);
                    }
                    buffer.clear();
                }
            } catch (IOException e) {
                // closed
            }
        }

        int port() throws IOException {
            return ((InetSocketAddress) listener.getLocalAddress()).getPort();
        }

        long bytesTowardsServer() {
            return towardsServer;
        }

        @Override
        public void close() throws Exception {
            listener.close();
            thread.join(10_000);
        }
    }
}
