package dev.netlab.livestream.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.livestream.media.PcmAudio;
import dev.netlab.livestream.media.Timeline;
import dev.netlab.livestream.rtp.Header;
import dev.netlab.livestream.rtp.MalformedPacketException;
import dev.netlab.livestream.rtp.Packet;
import dev.netlab.livestream.rtp.PacketFormat;
import dev.netlab.livestream.rtp.PacketReader;
import dev.netlab.livestream.rtp.PacketType;
import dev.netlab.livestream.rtp.PacketWriter;
import dev.netlab.livestream.rtp.StreamId;
import dev.netlab.livestream.testing.Streams;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** How a receiver learns where a live source (length unknown in advance) ends. */
class LiveSessionEndTest {

    private static final int SESSION = 7;
    private static final int SPP = 240;
    private static final long MS = 1_000_000L;

    private final PcmAudio source = Streams.music(0.1); // 4800 frames: 20 packets, the last one whole
    private final ByteArrayOutputStream played = new ByteArrayOutputStream();
    private final SessionPlayout playout = new SessionPlayout(new Packet.SessionInfo(
            Header.control(PacketType.SESSION_INFO, SESSION), 48_000, 2, false, false, SPP, Timeline.UNKNOWN_LENGTH,
            0, 0, 0, 0, 0, 0, "none"), new PlayoutClock(100 * MS), played::writeBytes, FrameSink.NONE);

    private void deliver(int k, int frames, boolean last) throws MalformedPacketException {
        Header h = new Header(PacketType.AUDIO, last ? PacketFormat.FLAG_END_OF_STREAM : 0, StreamId.AUDIO, k,
                playout.timeline().timestampOfPacketNumber(k), SESSION);
        byte[] datagram = PacketWriter.write(new Packet.Audio(h, source.slice(k * SPP, frames)));
        playout.onMedia(PacketReader.read(datagram), datagram, 1_000 * MS + k * 5 * MS);
    }

    @Test
    void theEndOfStreamPacketEndsPlayoutWithTheExactLengthEvenWhenItIsShort() throws Exception {
        for (int k = 0; k < 19; k++) {
            deliver(k, SPP, false);
        }
        deliver(19, 130, true);

        playout.playDue(10_000 * MS);

        assertThat(playout.finished()).isTrue();
        assertThat(played.toByteArray()).isEqualTo(source.slice(0, 19 * SPP + 130));
    }

    @Test
    void whenTheEndOfStreamPacketNeverCameTheGoodbyeEndsAfterTheNewestPacketSeen() throws IOException, MalformedPacketException {
        for (int k = 0; k < 12; k++) {
            deliver(k, SPP, false);
        }

        playout.flush(10_000 * MS);

        assertThat(playout.finished()).isTrue();
        assertThat(played.toByteArray()).isEqualTo(source.slice(0, 12 * SPP));
    }

    @Test
    void aShortPacketWithoutTheEndFlagIsMalformedNotAnEnd() throws Exception {
        deliver(0, SPP, false);
        deliver(1, 100, false);

        assertThat(playout.malformed()).isEqualTo(1);
        assertThat(playout.audio().endPacket()).isEqualTo(Long.MAX_VALUE);
    }
}
