package dev.netlab.filetransfer.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netlab.common.cli.Launcher;
import dev.netlab.common.frame.Frame;
import dev.netlab.common.frame.FrameReader;
import dev.netlab.common.frame.FrameWriter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plaintext netlab peer meeting a TLS one, both ways round, over real loopback sockets: each
 * side must get one clear message at once, never a hang or a garbled frame error.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TlsMismatchTest {

    private static final String HOST = "127.0.0.1";
    private static final int HELLO = 1;
    private static final int MAX_PAYLOAD = 64 * 1024;
    /** Stands in for the 10 s handshake timeout so the silent-peer tests run fast. */
    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(300);

    private static TlsIdentity identity;

    @TempDir
    Path dir;

    @BeforeAll
    static void createIdentity(@TempDir Path identities) throws IOException {
        identity = TlsIdentity.loadOrCreate(identities.resolve("server.p12"));
    }

    private TlsConnector tlsClient() {
        return TlsConnector.create(new KnownServers(dir.resolve("known_servers")), null, notice -> { });
    }

    /** A plaintext netlab server: reads the client's hello frame through the guard, answers it. */
    private static void plaintextServer(Socket accepted) throws IOException {
        ReadableByteChannel in = PlaintextGuard.refusingTlsClient(
                Channels.newChannel(accepted.getInputStream()), String.valueOf(accepted.getRemoteSocketAddress()));
        Frame hello = new FrameReader(in, MAX_PAYLOAD).next();
        new FrameWriter(Channels.newChannel(accepted.getOutputStream())).write(HELLO, 0, hello.payloadBytes());
    }

    @Test
    void plaintextClientOnTlsServerIsToldToAddTls() throws Exception {
        TlsAcceptor acceptor = TlsAcceptor.create(identity);
        try (LoopbackServer server = LoopbackServer.start(accepted -> acceptor.accept(accepted).close());
             Socket client = new Socket(InetAddress.getByName(HOST), server.port())) {
            new FrameWriter(Channels.newChannel(client.getOutputStream()))
                    .write(HELLO, 0, "hello".getBytes(StandardCharsets.US_ASCII));
            String key = HOST + ":" + server.port();
            ReadableByteChannel in = PlaintextGuard.refusingTlsServer(Channels.newChannel(client.getInputStream()), key);

            assertThatThrownBy(() -> new FrameReader(in, MAX_PAYLOAD).next())
                    .isInstanceOf(TlsMismatchException.class)
                    .hasMessage("server at " + key + " speaks TLS (first byte 0x15 is a TLS record); add --tls")
                    .satisfies(e -> assertThat(Launcher.exitCodeOf(e)).isEqualTo(3));
            client.close();
            assertThat(server.nextFailure())
                    .isInstanceOf(TlsMismatchException.class)
                    .hasMessage("plaintext client /127.0.0.1:" + client.getLocalPort() + " on a TLS port"
                            + " (first byte 0x4e, a TLS ClientHello starts with 0x16); closed it (the client needs --tls)");
        }
    }

    @Test
    void tlsClientOnPlaintextServerIsToldTheServerDoesNotSpeakTls() throws Exception {
        try (LoopbackServer server = LoopbackServer.start(TlsMismatchTest::plaintextServer)) {
            Socket client = new Socket(InetAddress.getByName(HOST), server.port());
            int clientPort = client.getLocalPort();

            assertThatThrownBy(() -> tlsClient().connect(client, HOST, server.port()))
                    .isInstanceOf(TlsMismatchException.class)
                    .hasMessage("server at " + HOST + ":" + server.port()
                            + " does not speak TLS (is it running without --tls?)")
                    .satisfies(e -> assertThat(Launcher.exitCodeOf(e)).isEqualTo(3));
            assertThat(client.isClosed()).isTrue();
            assertThat(server.nextFailure())
                    .isInstanceOf(TlsMismatchException.class)
                    .hasMessage("TLS client /127.0.0.1:" + clientPort + " on a plaintext port (first byte 0x16"
                            + " is a TLS handshake record); closed it (start the server with --tls to accept TLS)");
        }
    }

    @Test
    void tlsClientOnPlaintextServerThatSpeaksFirstIsToldTheServerDoesNotSpeakTls() throws Exception {
        try (LoopbackServer server = LoopbackServer.start(accepted -> {
            new FrameWriter(Channels.newChannel(accepted.getOutputStream())).write(HELLO, 0, new byte[] {1, 2, 3});
            plaintextServer(accepted);
        })) {
            Socket client = new Socket(InetAddress.getByName(HOST), server.port());

            assertThatThrownBy(() -> tlsClient().connect(client, HOST, server.port()))
                    .isInstanceOf(TlsMismatchException.class)
                    .hasMessage("server at " + HOST + ":" + server.port()
                            + " does not speak TLS (is it running without --tls?)");
        }
    }

    @Test
    void plaintextPeersPassFramesThroughBothGuardsUnchanged() throws Exception {
        byte[] payload = "netlab over plain TCP".getBytes(StandardCharsets.US_ASCII);
        try (LoopbackServer server = LoopbackServer.start(TlsMismatchTest::plaintextServer);
             Socket client = new Socket(InetAddress.getByName(HOST), server.port())) {
            new FrameWriter(Channels.newChannel(client.getOutputStream())).write(HELLO, 0, payload);
            ReadableByteChannel in = PlaintextGuard.refusingTlsServer(
                    Channels.newChannel(client.getInputStream()), HOST + ":" + server.port());

            Frame echoed = new FrameReader(in, MAX_PAYLOAD).next();

            assertThat(echoed.type()).isEqualTo(HELLO);
            assertThat(echoed.payloadBytes()).isEqualTo(payload);
        }
    }

    @Test
    void tlsClientOnSilentServerGivesUpAfterTheHandshakeTimeout() throws Exception {
        // The server reads whatever comes and never answers, until the client hangs up.
        try (LoopbackServer server = LoopbackServer.start(accepted -> accepted.getInputStream().readAllBytes())) {
            TlsConnector client = TlsConnector.create(
                    new KnownServers(dir.resolve("known_servers")), null, notice -> { }, SHORT_TIMEOUT);
            Socket socket = new Socket(InetAddress.getByName(HOST), server.port());

            assertThatThrownBy(() -> client.connect(socket, HOST, server.port()))
                    .isInstanceOf(TlsMismatchException.class)
                    .hasMessage("server at " + HOST + ":" + server.port()
                            + " did not answer the TLS handshake within 300ms (is it running without --tls?)");
        }
    }

    @Test
    void plaintextClientWaitingForTheServerToSpeakFirstIsToldToAddTls() throws Exception {
        TlsAcceptor acceptor = TlsAcceptor.create(identity, SHORT_TIMEOUT);
        try (LoopbackServer server = LoopbackServer.start(accepted -> acceptor.accept(accepted).close());
             Socket client = new Socket(InetAddress.getByName(HOST), server.port())) {
            String key = HOST + ":" + server.port();
            ReadableByteChannel in = PlaintextGuard.refusingTlsServer(Channels.newChannel(client.getInputStream()), key);

            assertThatThrownBy(() -> new FrameReader(in, MAX_PAYLOAD).next())
                    .isInstanceOf(TlsMismatchException.class)
                    .hasMessage("server at " + key + " speaks TLS (first byte 0x15 is a TLS record); add --tls");
            client.close();
            assertThat(server.nextFailure())
                    .isInstanceOf(TlsMismatchException.class)
                    .hasMessage("client /127.0.0.1:" + client.getLocalPort() + " sent no TLS handshake within"
                            + " 300ms; closed it (a plaintext client needs --tls)");
        }
    }
}
