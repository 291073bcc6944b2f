package dev.netlab.filetransfer.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netlab.common.testing.TestData;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** How a {@link TlsConnection} reads and ends: buffer sizes, close_notify, a cut connection. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TlsConnectionIoTest {

    private static final String HOST = "127.0.0.1";

    private static TlsIdentity identity;

    @TempDir
    Path dir;

    @BeforeAll
    static void createIdentity(@TempDir Path identities) throws IOException {
        identity = TlsIdentity.loadOrCreate(identities.resolve("server.p12"));
    }

    private TlsConnection connect(int port) throws IOException {
        SocketChannel channel = SocketChannel.open(new InetSocketAddress(InetAddress.getByName(HOST), port));
        TlsConnector connector = TlsConnector.create(
                new KnownServers(dir.resolve("known_servers")), identity.fingerprint(), notice -> { });
        return connector.connect(channel.socket(), HOST, port);
    }

    @Test
    void deliversManyRecordsIntactIntoReadBuffersSmallerThanOneRecord() throws Exception {
        byte[] data = TestData.randomBytes(1024 * 1024 + 5, 7);
        TlsAcceptor acceptor = TlsAcceptor.create(identity);
        try (LoopbackServer server = LoopbackServer.start(accepted -> {
            try (TlsConnection tls = acceptor.accept(accepted)) {
                OutputStream out = tls.getOutputStream();
                out.write(data);
                out.flush();
            }
        });
             TlsConnection client = connect(server.port())) {
            MessageDigest received = MessageDigest.getInstance("SHA-256");
            ByteBuffer small = ByteBuffer.allocate(1000);
            long total = 0;
            for (int n; (n = client.read(small.clear())) >= 0; ) {
                received.update(small.flip());
                total += n;
            }

            assertThat(total).isEqualTo(data.length);
            assertThat(received.digest()).isEqualTo(DigestEcho.sha256(data));
        }
    }

    @Test
    void aPeerThatClosesWithCloseNotifyIsReadAsEndOfStream() throws Exception {
        TlsAcceptor acceptor = TlsAcceptor.create(identity);
        try (LoopbackServer server = LoopbackServer.start(accepted -> acceptor.accept(accepted).close());
             TlsConnection client = connect(server.port())) {
            assertThat(client.read(ByteBuffer.allocate(64 * 1024))).isEqualTo(-1);
        }
    }

    @Test
    void aConnectionCutWithoutCloseNotifyIsAnErrorNotAnEndOfStream() throws Exception {
        TlsAcceptor acceptor = TlsAcceptor.create(identity);
        // The handler returns without closing the TLS connection; the server then closes the bare socket.
        try (LoopbackServer server = LoopbackServer.start(acceptor::accept);
             TlsConnection client = connect(server.port())) {
            assertThatThrownBy(() -> client.read(ByteBuffer.allocate(64 * 1024)))
                    .isInstanceOf(EOFException.class)
                    .hasMessage("TLS connection closed by the peer without close_notify");
        }
    }
}
