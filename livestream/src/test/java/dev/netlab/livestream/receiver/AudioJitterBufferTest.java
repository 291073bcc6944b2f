package dev.netlab.livestream.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.livestream.media.PcmAudio;
import dev.netlab.livestream.media.SignalToNoise;
import dev.netlab.livestream.media.Timeline;
import dev.netlab.livestream.testing.AudioAssert;
import dev.netlab.livestream.testing.Streams;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AudioJitterBufferTest {

    private final PcmAudio source = Streams.music(0.5);
    private final Timeline timeline = new Timeline(source.format(), 240, source.frameCount(), 0, 0);

    private byte[] packet(long k) {
        return source.slice((int) (k * 240), timeline.framesInPacket(k));
    }

    private PcmAudio playAll(AudioJitterBuffer buffer) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (!buffer.finished()) {
            buffer.playNext(out::writeBytes);
        }
        return new PcmAudio(source.format(), out.toByteArray());
    }

    @Test
    void packetsOfferedInShuffledOrderPlayBackInSourceOrderBitForBit() throws IOException {
        AudioJitterBuffer buffer = new AudioJitterBuffer(timeline, 0, timeline.audioPackets());
        List<Long> order = new ArrayList<>();
        for (long k = 0; k < timeline.audioPackets(); k++) {
            order.add(k);
        }
        Collections.shuffle(order, new Random(11));
        for (long k : order) {
            assertThat(buffer.offer(k, packet(k), PacketSource.ORIGINAL)).isEqualTo(Offer.ACCEPTED);
        }

        AudioAssert.assertBitExact(source, playAll(buffer));
        assertThat(buffer.received()).isEqualTo(100);
        assertThat(buffer.concealed()).isZero();
    }

    @Test
    void duplicateAndLateCopiesAreDroppedAndCountedNeverPlayedTwice() throws IOException {
        AudioJitterBuffer buffer = new AudioJitterBuffer(timeline, 0, timeline.audioPackets());
        buffer.offer(0, packet(0), PacketSource.ORIGINAL);
        assertThat(buffer.offer(0, packet(0), PacketSource.RETRANSMISSION)).isEqualTo(Offer.DUPLICATE);
        buffer.playNext(pcm -> { });
        assertThat(buffer.offer(0, packet(0), PacketSource.ORIGINAL)).isEqualTo(Offer.LATE);

        assertThat(buffer.duplicate()).isEqualTo(1);
        assertThat(buffer.late()).isEqualTo(1);
        assertThat(buffer.received()).isEqualTo(1);
    }

    @Test
    void packetOfTheWrongLengthIsRefusedAsInvalid() {
        AudioJitterBuffer buffer = new AudioJitterBuffer(timeline, 0, timeline.audioPackets());
        assertThat(buffer.offer(3, new byte[17], PacketSource.ORIGINAL)).isEqualTo(Offer.INVALID);
        assertThat(buffer.offer(timeline.audioPackets(), packet(1), PacketSource.ORIGINAL)).isEqualTo(Offer.OUT_OF_WINDOW);
    }

    @Test
    void missingPacketsAreConcealedInPlaceKeepingLengthAndAlignmentAndBeatSilence() throws IOException {
        AudioJitterBuffer buffer = new AudioJitterBuffer(timeline, 0, timeline.audioPackets());
        List<Long> lost = List.of(20L, 41L, 42L, 77L);
        for (long k = 0; k < timeline.audioPackets(); k++) {
            if (!lost.contains(k)) {
                buffer.offer(k, packet(k), k % 7 == 0 ? PacketSource.FEC : PacketSource.ORIGINAL);
            }
        }
        PcmAudio played = playAll(buffer);

        assertThat(played.frameCount()).isEqualTo(source.frameCount());
        assertThat(buffer.concealed()).isEqualTo(4);
        assertThat(buffer.recoveredByFec()).isEqualTo(13);
        for (long k : lost) {
            PcmAudio original = new PcmAudio(source.format(), packet(k));
            PcmAudio concealed = new PcmAudio(source.format(), played.slice((int) k * 240, 240));
            // better than silence: positive SNR means less error energy than the signal itself
            assertThat(SignalToNoise.decibels(original, concealed)).as("packet %d", k).isGreaterThan(0);
        }
        PcmAudio before = new PcmAudio(source.format(), played.slice(0, 20 * 240));
        AudioAssert.assertBitExact(new PcmAudio(source.format(), source.slice(0, 20 * 240)), before);
    }

    @Test
    void aLiveStreamTakesItsShortLastPacketOnlyOnceItsEndIsKnownAndPlaysTheExactLength() throws IOException {
        Timeline live = new Timeline(source.format(), 240, Timeline.UNKNOWN_LENGTH, 0, 0);
        AudioJitterBuffer buffer = new AudioJitterBuffer(live, 0, live.audioPackets());
        byte[] shortLast = source.slice(2 * 240, 100);
        buffer.offer(0, source.slice(0, 240), PacketSource.ORIGINAL);
        buffer.offer(1, source.slice(240, 240), PacketSource.ORIGINAL);

        assertThat(buffer.offer(2, shortLast, PacketSource.ORIGINAL)).as("short before the end is known").isEqualTo(Offer.INVALID);
        buffer.endAt(3);
        assertThat(buffer.offer(2, shortLast, PacketSource.ORIGINAL)).isEqualTo(Offer.ACCEPTED);
        assertThat(buffer.offer(3, source.slice(0, 240), PacketSource.ORIGINAL)).isEqualTo(Offer.OUT_OF_WINDOW);

        assertThat(playAll(buffer).bytes()).isEqualTo(source.slice(0, 580));
    }
}
