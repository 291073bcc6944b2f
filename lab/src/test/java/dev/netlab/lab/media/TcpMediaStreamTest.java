package dev.netlab.lab.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netlab.lab.WallClock;
import dev.netlab.livestream.media.AudioFormat;
import dev.netlab.livestream.media.PcmAudio;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The plain TCP media sender and receiver on loopback, and the receiver against a broken stream. */
@Timeout(20)
class TcpMediaStreamTest {

    private static final long SECOND = 1_000_000_000L;

    /**
     * Order and pacing, not speed: how soon a packet arrives depends on how busy the machine is
     * (TcpPlayoutTest covers what the playout makes of arrival times, the lab run measures them).
     * The receiver's tail is long, as the sender's end of stream ends the receive anyway.
     */
    @Test
    void everyPacketArrivesInOrderAndNoSoonerThanItWasDue() throws Exception {
        AudioFormat format = new AudioFormat(8000, 1);
        PcmAudio clip = new PcmAudio(format, new byte[8000]); // 0.5 s: 100 packets of 40 frames
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<PacketArrivals> received = CompletableFuture.supplyAsync(() -> {
                try {
                    return new TcpMediaReceiver(listener, 100).receive(WallClock.nowNanos() + 10 * SECOND, SECOND / 2,
                            10 * SECOND);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            int sent = new TcpMediaSender(clip, 40).stream(new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort()));
            PacketArrivals arrivals = received.get();

            assertThat(sent).isEqualTo(100);
            for (int seq = 0; seq < 100; seq++) {
                assertThat(arrivals.arrived(seq)).as("packet %d", seq).isTrue();
                assertThat(arrivals.due(seq) - arrivals.due(0)).isEqualTo(seq * 5_000_000L);
                assertThat(arrivals.arrival(seq)).as("packet %d is not sent before it is due", seq)
                        .isGreaterThanOrEqualTo(arrivals.due(seq));
                if (seq > 0) {
                    assertThat(arrivals.arrival(seq)).as("packet %d arrives after packet %d", seq, seq - 1)
                            .isGreaterThanOrEqualTo(arrivals.arrival(seq - 1));
                }
            }
        }
    }

    @Test
    void refusesALengthOverTheCapBeforeReadingIt() throws Exception {
        assertThatThrownBy(() -> receiveFrom(out -> {
            out.writeInt(0);
            out.writeLong(WallClock.nowNanos());
            out.writeShort(TcpMediaFormat.MAX_PAYLOAD + 1);
        })).hasMessage("media packet length 8193 > max 8192");
    }

    @Test
    void refusesASequenceNumberOutsideTheClip() throws Exception {
        assertThatThrownBy(() -> receiveFrom(out -> {
            out.writeInt(7);
            out.writeLong(WallClock.nowNanos());
            out.writeShort(0);
        })).hasMessage("media packet 7 outside the clip's 5 packets");
    }

    @Test
    void anEndOfStreamInsideAPacketIsAnErrorNotAnEnd() {
        assertThatThrownBy(() -> receiveFrom(out -> {
            out.writeInt(0);
            out.writeLong(WallClock.nowNanos());
            out.writeShort(2);
            out.write(new byte[2]);
            out.writeInt(1); // and nothing more
        })).isInstanceOf(EOFException.class);
    }

    @Test
    void anEndOfStreamBetweenPacketsIsANormalEnd() throws Exception {
        PacketArrivals arrivals = receiveFrom(out -> {
            out.writeInt(0);
            out.writeLong(WallClock.nowNanos());
            out.writeShort(2);
            out.write(new byte[2]);
        });
        assertThat(arrivals.arrived(0)).isTrue();
        assertThat(arrivals.arrived(1)).isFalse();
    }

    private interface Writes {
        void to(DataOutputStream out) throws Exception;
    }

    private static PacketArrivals receiveFrom(Writes writes) throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
                try (Socket socket = new Socket(listener.getInetAddress(), listener.getLocalPort())) {
                    DataOutputStream out = new DataOutputStream(socket.getOutputStream());
                    writes.to(out);
                    out.flush();
                    socket.shutdownOutput();
                    socket.getInputStream().read();
                } catch (Exception ignored) {
                    // the receiver may close first
                }
            });
            try {
                return new TcpMediaReceiver(listener, 5).receive(WallClock.nowNanos() + 5 * SECOND, SECOND, SECOND);
            } finally {
                sender.get();
            }
        }
    }
}
