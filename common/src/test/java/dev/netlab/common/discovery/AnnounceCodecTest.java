package dev.netlab.common.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.OptionalInt;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(10)
class AnnounceCodecTest {

    static LongStream seeds() {
        return LongStream.range(1, 41);
    }

    static Announcement randomAnnouncement(Random random) {
        String tool = random.nextBoolean() ? "filetransfer" : "livestream";
        StringBuilder name = new StringBuilder();
        int nameLength = 1 + random.nextInt(20);
        for (int i = 0; i < nameLength; i++) {
            name.append(random.nextInt(4) == 0 ? (char) ('α' + random.nextInt(20)) : (char) ('a' + random.nextInt(26)));
        }
        byte[] fingerprint = new byte[random.nextBoolean() ? 32 : 0];
        random.nextBytes(fingerprint);
        OptionalInt rendezvous = random.nextBoolean() ? OptionalInt.of(random.nextInt(10_000)) : OptionalInt.empty();
        return new Announcement(random.nextLong(), tool, "0.1." + random.nextInt(100), name.toString(),
                random.nextBoolean() ? Announcement.ServiceTransport.TCP : Announcement.ServiceTransport.UDP,
                1 + random.nextInt(65535), rendezvous, fingerprint);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void announceRoundTripsAndEveryTruncationIsRefused(long seed) throws Exception {
        Announcement sent = randomAnnouncement(new Random(seed));
        byte[] wire = AnnounceWriter.announce(sent);
        assertThat(wire.length).as("seed %d", seed).isLessThanOrEqualTo(AnnounceFormat.MAX_ANNOUNCE_LENGTH);
        AnnounceReader.Decoded decoded = AnnounceReader.read(wire, 0, wire.length);
        assertThat(decoded).as("seed %d", seed).isEqualTo(new AnnounceReader.Decoded.Announce(sent));
        for (int cut = 0; cut < wire.length; cut++) {
            int length = cut;
            assertThatThrownBy(() -> AnnounceReader.read(wire, 0, length)).as("seed %d cut %d", seed, cut)
                    .isInstanceOf(MalformedAnnounceException.class);
        }
    }

    @Test
    void queryRoundTrips() throws Exception {
        byte[] wire = AnnounceWriter.query("livestream");
        assertThat(AnnounceReader.read(wire, 0, wire.length)).isEqualTo(new AnnounceReader.Decoded.Query("livestream"));
        byte[] any = AnnounceWriter.query("");
        assertThat(AnnounceReader.read(any, 0, any.length)).isEqualTo(new AnnounceReader.Decoded.Query(""));
    }

    @Test
    void refusesWrongMagicWithBothValues() {
        byte[] wire = AnnounceWriter.query("");
        wire[0] = 'X';
        assertThatThrownBy(() -> AnnounceReader.read(wire, 0, wire.length))
                .hasMessage("magic 0x584c4453, expected 0x4e4c4453");
    }

    @Test
    void refusesOversizedDatagramBeforeParsing() {
        byte[] wire = new byte[AnnounceFormat.MAX_DATAGRAM + 1];
        assertThatThrownBy(() -> AnnounceReader.read(wire, 0, wire.length))
                .hasMessage("datagram of 257 bytes > max 256");
    }

    @Test
    void refusesAStringLengthBeyondItsCap() {
        byte[] wire = AnnounceWriter.announce(randomAnnouncement(new Random(7)));
        ByteBuffer b = ByteBuffer.wrap(wire);
        int fingerprintLength = wire[AnnounceFormat.FINGERPRINT_LENGTH_OFFSET];
        b.put(AnnounceFormat.FIXED_ANNOUNCE_LENGTH + fingerprintLength, (byte) 200);
        assertThatThrownBy(() -> AnnounceReader.read(wire, 0, wire.length)).hasMessage("tool length 200 > max 16");
    }

    @Test
    void refusesANameWithATerminalEscape() {
        Announcement clean = randomAnnouncement(new Random(3));
        Announcement evil = new Announcement(1, "filetransfer", "1", "x\u001b[2Jy", clean.transport(), 9000,
                OptionalInt.empty(), new byte[0]);
        assertThatThrownBy(() -> AnnounceWriter.announce(evil)).isInstanceOf(IllegalArgumentException.class);
        byte[] wire = AnnounceWriter.announce(new Announcement(1, "filetransfer", "1", "xa[2Jy", clean.transport(), 9000,
                OptionalInt.empty(), new byte[0]));
        wire[wire.length - 4] = 0x1b;
        assertThatThrownBy(() -> AnnounceReader.read(wire, 0, wire.length)).hasMessage("name holds a control character");
    }

    @Test
    void refusesTrailingBytes() {
        byte[] query = AnnounceWriter.query("");
        byte[] longer = ByteBuffer.allocate(query.length + 3).put(query).array();
        assertThatThrownBy(() -> AnnounceReader.read(longer, 0, longer.length)).hasMessage("3 bytes after the last field");
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void randomGarbageIsRefusedNeverThrownOtherwise(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < 500; i++) {
            byte[] garbage = new byte[random.nextInt(AnnounceFormat.MAX_DATAGRAM + 1)];
            random.nextBytes(garbage);
            if (garbage.length >= 6 && random.nextBoolean()) {
                ByteBuffer.wrap(garbage).putInt(AnnounceFormat.MAGIC).put((byte) 1).put((byte) (1 + random.nextInt(2)));
            }
            try {
                AnnounceReader.read(garbage, 0, garbage.length);
            } catch (MalformedAnnounceException expected) {
                // the only way a bad datagram may end
            }
        }
    }
}
