package dev.netlab.filetransfer.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.netlab.common.cli.ExitCodes;
import dev.netlab.common.cli.Launcher;
import dev.netlab.common.testing.CommandRun;
import dev.netlab.filetransfer.Fixtures;
import dev.netlab.filetransfer.cli.FiletransferCli;
import dev.netlab.filetransfer.server.FileServer;
import dev.netlab.filetransfer.server.ServerConfig;
import dev.netlab.filetransfer.transport.PlainTransport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Peers of different protocol versions refuse each other in the handshake with one line that
 * names both versions, and the client exits 1. Version 1 is played by this build speaking
 * version 1 (its handshake code is unchanged) and by a fake server answering as version 1 did.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ProtocolVersionTest {

    @TempDir
    Path tmp;

    @Test
    void aVersionOneClientIsRefusedInOneLineAndExitsOne() throws Exception {
        try (FileServer server = Fixtures.server(ServerConfig.loopback(Files.createDirectories(tmp.resolve("root"))));
             SocketChannel socket = SocketChannel.open(server.localAddress())) {
            PeerConnection connection = new PeerConnection(
                    PlainTransport.INSTANCE.clientSide(socket, "127.0.0.1", server.localAddress().getPort()),
                    "test", Duration.ofSeconds(10));

            RemoteRefusalException refused = catchThrowableOfType(
                    () -> Handshake.asClient(connection, null, 1), RemoteRefusalException.class);

            assertThat(refused).hasMessage("server refused: client speaks filetransfer protocol version 1, "
                    + "this server version 2: run the same netlab release on both sides");
            assertThat(Launcher.exitCodeOf(refused)).isEqualTo(ExitCodes.FAILED);
        }
    }

    @Test
    void thisClientExitsOneWithTheRefusalOfAVersionOneServer() throws Exception {
        // What a version 1 server answers any other version, byte for byte its ERROR text.
        byte[] text = "protocol version 2 not supported; this server speaks version 1".getBytes(StandardCharsets.UTF_8);
        ByteBuffer error = frame(MessageType.ERROR, ByteBuffer.allocate(2 + text.length)
                .putShort((short) ErrorCode.UNSUPPORTED_VERSION.wire()).put(text).flip());

        CommandRun.Result sent = sendTo(error);

        assertThat(sent.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(sent.err()).isEqualTo("error: server refused: protocol version 2 not supported; "
                + "this server speaks version 1" + System.lineSeparator());
    }

    @Test
    void thisClientExitsOneWhenTheServerWelcomesItWithAnotherVersion() throws Exception {
        ByteBuffer welcome = frame(MessageType.WELCOME, ByteBuffer.allocate(4 + TransferProtocol.NONCE_LENGTH)
                .putShort((short) 1).putShort((short) 0).position(4 + TransferProtocol.NONCE_LENGTH).flip());

        CommandRun.Result sent = sendTo(welcome);

        assertThat(sent.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(sent.err()).isEqualTo("error: server speaks filetransfer protocol version 1, this client "
                + "version 2: run the same netlab release on both sides" + System.lineSeparator());
    }

    private static ByteBuffer frame(MessageType type, ByteBuffer body) {
        return ByteBuffer.allocate(10 + body.remaining()).putShort((short) 0x4E4C).put((byte) 1).put((byte) type.wire())
                .putShort((short) 0).putInt(body.remaining()).put(body).flip();
    }

    /** Runs 'send' against a fake server that reads the HELLO, answers with {@code reply} and closes. */
    private CommandRun.Result sendTo(ByteBuffer reply) throws Exception {
        Path file = Files.writeString(tmp.resolve("f.txt"), "x");
        try (ServerSocketChannel listener = ServerSocketChannel.open()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            CompletableFuture<Message> hello = CompletableFuture.supplyAsync(() -> {
                try (SocketChannel peer = listener.accept()) {
                    Message first = new MessageReader(peer, TransferProtocol.MAX_CONTROL_PAYLOAD).next();
                    Channels.newOutputStream(peer).write(reply.array(), 0, reply.limit());
                    return first;
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            CommandRun.Result sent = CommandRun.run(new FiletransferCli(), "send",
                    "127.0.0.1:" + ((InetSocketAddress) listener.getLocalAddress()).getPort(), file.toString());
            assertThat(hello.get(10, TimeUnit.SECONDS)).isEqualTo(new Message.Hello(TransferProtocol.MAGIC, 2));
            return sent;
        }
    }
}
