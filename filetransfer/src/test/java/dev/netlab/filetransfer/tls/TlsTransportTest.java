package dev.netlab.filetransfer.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.netlab.filetransfer.transport.PeerChannels;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@link TlsTransport}'s channels on their own: closing them never waits on the peer. */
class TlsTransportTest {

    /** Far more than loopback socket buffers hold, so a write to a peer that does not read blocks. */
    private static final int UNSENDABLE = 64 * 1024 * 1024;

    @TempDir
    Path dir;

    /**
     * A separate timeout thread: a close that waited for the blocked write (as TlsConnection.close()
     * does) would block uninterruptibly, and the test must then fail rather than hang.
     */
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void closingDuringAWriteBlockedOnAPeerThatStoppedReadingReturnsAndFailsTheWrite() throws Exception {
        TlsIdentity identity = TlsIdentity.loadOrCreate(dir.resolve("server.p12"));
        TlsAcceptor acceptor = TlsAcceptor.create(identity);
        CountDownLatch testDone = new CountDownLatch(1);
        try (LoopbackServer server = LoopbackServer.start(accepted -> {
            try (TlsConnection ssl = acceptor.accept(accepted)) {
                testDone.await(); // handshake done, then never read
            }
        })) {
            try {
                closeDuringBlockedWrite(identity, server.port());
            } finally {
                testDone.countDown();
            }
        }
    }

    private void closeDuringBlockedWrite(TlsIdentity identity, int port) throws Exception {
        TlsTransport transport = TlsTransport.client(TlsConnector.create(
                new KnownServers(dir.resolve("known_servers")), identity.fingerprint(), notice -> { }));
        SocketChannel socket = SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        PeerChannels channels = transport.clientSide(socket, "127.0.0.1", port);
        AtomicReference<Thread> writer = new AtomicReference<>();
        CompletableFuture<Integer> write = CompletableFuture.supplyAsync(() -> {
            writer.set(Thread.currentThread());
            try {
                return channels.out().write(ByteBuffer.allocate(UNSENDABLE));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> isInSocketWrite(writer.get()));

        channels.close();

        assertThat(write).failsWithin(Duration.ofSeconds(10))
                .withThrowableOfType(ExecutionException.class)
                .havingCause().havingCause().isInstanceOf(IOException.class);
        assertThat(socket.isOpen()).isFalse();
    }

    private static boolean isInSocketWrite(Thread thread) {
        return thread != null && Arrays.stream(thread.getStackTrace())
                .anyMatch(frame -> frame.getClassName().startsWith("sun.nio.ch.") && frame.getMethodName().contains("write"));
    }
}
