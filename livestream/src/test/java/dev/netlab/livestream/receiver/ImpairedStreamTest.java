package dev.netlab.livestream.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.livestream.impair.ImpairmentConfig;
import dev.netlab.livestream.impair.ImpairmentRelay;
import dev.netlab.livestream.media.PcmAudio;
import dev.netlab.livestream.media.WavReader;
import dev.netlab.livestream.sender.BroadcastServer;
import dev.netlab.livestream.testing.AudioAssert;
import dev.netlab.livestream.testing.Streams;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Streams through the seeded impairment relay: what a user sees at the other end. */
class ImpairedStreamTest {

    @TempDir
    Path dir;

    /**
     * Playout latency of these runs: generous (it adapts down to half of it), so that a
     * CPU-starved test machine does not turn a reordered or retransmitted packet into a late
     * one; the assertions are about recovery, not speed. It does not lengthen the runs: the
     * server's end-of-media goodbye makes the receiver play out what it holds at once.
     */
    private static final Duration LATENCY = Duration.ofSeconds(1);

    private PlayResult stream(PcmAudio source, String fec, ImpairmentConfig faults, boolean nack) throws Exception {
        Path out = dir.resolve("out.wav");
        InetSocketAddress loopback = new InetSocketAddress("127.0.0.1", 0);
        try (BroadcastServer server = BroadcastServer.start(Streams.server(source, Streams.frames(25, 5), fec));
             ImpairmentRelay relay = ImpairmentRelay.start(faults, loopback, server.localAddress());
             ReceiverSession receiver = new ReceiverSession(new PlayConfig(relay.localAddress(), LATENCY,
                     null, out, null, nack))) {
            PlayResult result = Streams.runAsync(receiver).get(30, TimeUnit.SECONDS);
            assertThat(result.ok()).as(result.outcome()).isTrue();
            assertThat(WavReader.read(out).frameCount()).as("output length").isEqualTo(source.frameCount());
            assertThat(result.lost()).as(result.toString())
                    .isEqualTo(result.recoveredByFec() + result.recoveredByRetransmit() + result.concealed());
            return result;
        }
    }

    private static ImpairmentConfig loss(double loss, double burst) {
        return ImpairmentConfig.NONE.withLoss(loss, burst).withDelay(Duration.ofMillis(5), Duration.ZERO).withSeed(42);
    }

    @Test
    @Timeout(60)
    void fivePercentLossIsRecoveredByFecAndRetransmissionWithTheExactOutputLength() throws Exception {
        PlayResult r = stream(Streams.music(2), "xor-row:10", loss(0.05, 0), true);

        assertThat(r.lost()).isGreaterThan(0);
        assertThat(r.recoveredByFec()).isGreaterThan(0);
        assertThat(r.recoveredByRetransmit()).isGreaterThan(0);
        assertThat(r.recoveredByFec() + r.recoveredByRetransmit()).isGreaterThan(r.concealed());
    }

    @Test
    @Timeout(60)
    void withRetransmissionOffFecAloneRecoversSingleLossesAndNothingIsRetransmitted() throws Exception {
        PlayResult r = stream(Streams.music(2), "xor-row:5", loss(0.05, 0), false);

        assertThat(r.recoveredByFec()).isGreaterThan(0);
        assertThat(r.recoveredByRetransmit()).isZero();
        assertThat(r.nacksSent()).isGreaterThan(0);
    }

    @Test
    @Timeout(60)
    void twentyPercentLossInBurstsOfFiveStillPlaysToTheEndWithTheExactLength() throws Exception {
        PlayResult r = stream(Streams.music(2), "xor-row:10", loss(0.20, 5), true);

        assertThat(r.outcome()).isEqualTo("end of media");
        assertThat(r.expected()).isEqualTo(400);
    }

    @Test
    @Timeout(60)
    void reorderingAndDuplicationAloneLeaveTheOutputBitExact() throws Exception {
        PcmAudio source = Streams.music(1.5);
        ImpairmentConfig faults = ImpairmentConfig.NONE.withDelay(Duration.ofMillis(3), Duration.ZERO)
                .withReorderDuplicateCorrupt(0.1, 0.1, 0).withSeed(9);

        PlayResult r = stream(source, "none", faults, true);

        assertThat(r.concealed()).as(r.toString()).isZero();
        AudioAssert.assertBitExact(source, WavReader.read(dir.resolve("out.wav")));
        assertThat(r.duplicate()).isGreaterThan(0);
    }
}
