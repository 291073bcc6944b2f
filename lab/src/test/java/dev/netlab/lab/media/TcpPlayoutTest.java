package dev.netlab.lab.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.netlab.livestream.media.AudioFormat;
import dev.netlab.livestream.media.PcmAudio;
import dev.netlab.livestream.media.SignalToNoise;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The plain TCP receiver's playout: what is played, what is concealed, and how it is scored. */
@Timeout(10)
class TcpPlayoutTest {

    private static final long SLOT = 5_000_000L;
    private static final long BUDGET = 100_000_000L;
    private static final long START = 1_000_000_000_000L;

    @Test
    void playsEveryPacketThatArrivesWithinTheBudget() {
        PacketArrivals arrivals = new PacketArrivals(4);
        for (int seq = 0; seq < 4; seq++) {
            arrivals.arrived(seq, due(seq), due(seq) + 1_000_000L * (seq + 1));
        }

        TcpPlayout.Outcome outcome = TcpPlayout.play(arrivals, BUDGET, SLOT);

        assertThat(outcome.timeline().onTimePercent()).isEqualTo(100.0);
        assertThat(outcome.timeline().longestStallMs()).isZero();
        assertThat(outcome.latency().maxMs()).isCloseTo(4.0, within(0.01));
        assertThat(outcome.latency().count()).isEqualTo(4);
    }

    @Test
    void concealsAPacketHeldUpPastItsDeadlineAndCountsItsLatency() {
        // Packet 1 lost once: it and the two behind it arrive together, 300 ms late (an RTO).
        PacketArrivals arrivals = new PacketArrivals(5);
        long burst = due(1) + 300_000_000L;
        arrivals.arrived(0, due(0), due(0) + 1_000_000L);
        arrivals.arrived(1, due(1), burst);
        arrivals.arrived(2, due(2), burst);
        arrivals.arrived(3, due(3), burst);
        arrivals.arrived(4, due(4), due(4) + 1_000_000L);

        TcpPlayout.Outcome outcome = TcpPlayout.play(arrivals, BUDGET, SLOT);

        assertThat(slots(outcome.timeline())).containsExactly(true, false, false, false, true);
        assertThat(outcome.timeline().onTimePercent()).isEqualTo(40.0);
        assertThat(outcome.timeline().longestStallMs()).isEqualTo(15.0);
        assertThat(outcome.latency().maxMs()).isCloseTo(300.0, within(0.5));
    }

    @Test
    void aPacketExactlyAtItsDeadlineStillPlays() {
        PacketArrivals arrivals = new PacketArrivals(2);
        arrivals.arrived(0, due(0), due(0) + BUDGET);
        arrivals.arrived(1, due(1), due(1) + BUDGET + 1);

        assertThat(slots(TcpPlayout.play(arrivals, BUDGET, SLOT).timeline())).containsExactly(true, false);
    }

    @Test
    void packetsThatNeverArrivedAreConcealedAndHaveNoLatency() {
        PacketArrivals arrivals = new PacketArrivals(6);
        arrivals.arrived(0, due(0), due(0));
        arrivals.arrived(1, due(1), due(1));

        TcpPlayout.Outcome outcome = TcpPlayout.play(arrivals, BUDGET, SLOT);

        assertThat(outcome.timeline().stalls()).containsExactly(new PlayoutTimeline.Stall(2, 4));
        assertThat(outcome.timeline().longestStallMs()).isEqualTo(20.0);
        assertThat(outcome.latency().count()).isEqualTo(2);
    }

    @Test
    void aSecondCopyOfAPacketKeepsTheFirstArrival() {
        PacketArrivals arrivals = new PacketArrivals(1);
        arrivals.arrived(0, due(0), due(0) + 1_000_000L);
        arrivals.arrived(0, due(0), due(0) + 900_000_000L);

        assertThat(arrivals.arrival(0)).isEqualTo(due(0) + 1_000_000L);
    }

    @Test
    void theRenderedAudioIsTheSourceWhereItPlayedAndConcealedElsewhere() {
        AudioFormat format = new AudioFormat(8000, 1);
        PcmAudio source = tone(format, 8000);
        int spp = 40; // 5 ms at 8 kHz
        boolean[] onTime = new boolean[200];
        Arrays.fill(onTime, true);
        onTime[100] = false;
        onTime[101] = false;
        PlayoutTimeline timeline = new PlayoutTimeline(onTime, SLOT);

        PcmAudio played = ConcealedPlayback.render(source, spp, timeline);

        assertThat(played.frameCount()).isEqualTo(source.frameCount());
        assertThat(played.slice(0, 100 * spp)).isEqualTo(source.slice(0, 100 * spp));
        assertThat(played.slice(100 * spp, spp)).isNotEqualTo(source.slice(100 * spp, spp));
        assertThat(played.slice(102 * spp, 98 * spp)).isEqualTo(source.slice(102 * spp, 98 * spp));
        // Waveform continuation of a steady tone is close to the tone: a high SNR, not silence.
        assertThat(SignalToNoise.decibels(source, played)).isBetween(20.0, 200.0);
        assertThat(slots(ConcealedPlayback.compare(source, played, spp, SLOT))).isEqualTo(onTime);
    }

    private static PcmAudio tone(AudioFormat format, int frames) {
        byte[] pcm = new byte[frames * 2];
        for (int i = 0; i < frames; i++) {
            short s = (short) Math.round(8000 * Math.sin(2 * Math.PI * 220 * i / format.sampleRate()));
            pcm[2 * i] = (byte) s;
            pcm[2 * i + 1] = (byte) (s >> 8);
        }
        return new PcmAudio(format, pcm);
    }

    private static long due(int seq) {
        return START + seq * SLOT;
    }

    private static boolean[] slots(PlayoutTimeline timeline) {
        boolean[] slots = new boolean[timeline.slots()];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = timeline.onTime(i);
        }
        return slots;
    }
}
