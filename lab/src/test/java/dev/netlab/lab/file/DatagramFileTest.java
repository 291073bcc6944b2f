package dev.netlab.lab.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.lab.WallClock;
import java.io.ByteArrayOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The bare UDP file sender and receiver on loopback, with hand-made datagrams for what loopback never does. */
@Timeout(30)
class DatagramFileTest {

    private static final long SECOND = 1_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void aFileSentOverLoopbackArrivesWhole() throws Exception {
        Path source = randomFile(300_000, 1);
        DatagramFileReceiver receiver = DatagramFileReceiver.bind(loopback(), 300_000);
        CompletableFuture<DatagramFileReceiver.Outcome> outcome = receiveAsync(receiver);

        int sent = new DatagramFileSender(20L * 1024 * 1024).send(source, receiver.localAddress());

        assertThat(sent).isEqualTo((300_000 + 1399) / 1400);
        assertThat(outcome.get().datagrams()).isEqualTo(sent);
        assertThat(outcome.get().outOfOrder()).isZero();
        assertThat(FileComparison.of(source, dir.resolve("out.bin"))).isEqualTo(new FileComparison(0, 0, true));
    }

    @Test
    void writesDatagramsInArrivalOrderAndCountsThoseOutOfOrder() throws Exception {
        DatagramFileReceiver receiver = DatagramFileReceiver.bind(loopback(), 3 * 1400);
        CompletableFuture<DatagramFileReceiver.Outcome> outcome = receiveAsync(receiver);
        try (DatagramSocket sender = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            send(sender, receiver, datagram(0, "aa"));
            send(sender, receiver, datagram(2, "cc"));
            send(sender, receiver, datagram(1, "bb"));
        }
        assertThat(outcome.get().outOfOrder()).isEqualTo(1);
        assertThat(Files.readString(dir.resolve("out.bin"))).isEqualTo("aaccbb");
    }

    @Test
    void aLostDatagramIsMissingAndShiftsEverythingAfterIt() throws Exception {
        Path source = Files.writeString(dir.resolve("source.txt"), "aabbcc");
        DatagramFileReceiver receiver = DatagramFileReceiver.bind(loopback(), 3 * 1400);
        CompletableFuture<DatagramFileReceiver.Outcome> outcome = receiveAsync(receiver);
        try (DatagramSocket sender = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            send(sender, receiver, datagram(0, "aa"));
            send(sender, receiver, datagram(2, "cc"));
        }
        assertThat(outcome.get().datagrams()).isEqualTo(2);
        assertThat(FileComparison.of(source, dir.resolve("out.bin"))).isEqualTo(new FileComparison(2, 2, false));
    }

    @Test
    void dropsAndCountsMalformedDatagramsAndNeverGrowsPastTheFileSize() throws Exception {
        DatagramFileReceiver receiver = DatagramFileReceiver.bind(loopback(), 4);
        CompletableFuture<DatagramFileReceiver.Outcome> outcome = receiveAsync(receiver);
        try (DatagramSocket sender = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            send(sender, receiver, new byte[] {1, 2});                        // shorter than the header
            send(sender, receiver, new byte[DatagramFileFormat.MAX_DATAGRAM + 100]); // longer than any
            send(sender, receiver, datagram(Integer.MAX_VALUE, "x"));         // beyond the file
            send(sender, receiver, datagram(-1, "x"));
            send(sender, receiver, datagram(0, "abc"));
            send(sender, receiver, datagram(0, "abc"));                       // duplicate, and past 4 bytes
        }
        DatagramFileReceiver.Outcome result = outcome.get();
        assertThat(result.malformed()).isEqualTo(4);
        assertThat(result.duplicates()).isEqualTo(1);
        assertThat(Files.readString(dir.resolve("out.bin"))).isEqualTo("abca");
    }

    private CompletableFuture<DatagramFileReceiver.Outcome> receiveAsync(DatagramFileReceiver receiver) {
        Path out = dir.resolve("out.bin");
        return CompletableFuture.supplyAsync(() -> {
            try {
                return receiver.receive(out, WallClock.nowNanos() + 10 * SECOND);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static InetSocketAddress loopback() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    private static void send(DatagramSocket sender, DatagramFileReceiver receiver, byte[] bytes) throws Exception {
        sender.send(new DatagramPacket(bytes, bytes.length, receiver.localAddress()));
    }

    private static byte[] datagram(int seq, String payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ByteBuffer.allocate(4).putInt(seq).array());
        out.writeBytes(payload.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private Path randomFile(int size, long seed) throws Exception {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return Files.write(dir.resolve("source.bin"), bytes);
    }
}
