package dev.netlab.livestream.rtp;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class PacketReaderTest {

    private static byte[] audio() {
        return PacketWriter.write(new Packet.Audio(new Header(PacketType.AUDIO, 0, StreamId.AUDIO, 7, 960, 42), new byte[960]));
    }

    @Test
    void datagramShorterThanTheHeaderIsRejectedWithItsLength() {
        assertThatThrownBy(() -> PacketReader.read(new byte[5]))
                .isInstanceOf(MalformedPacketException.class)
                .hasMessage("datagram of 5 bytes < header length 20");
    }

    @Test
    void datagramOverTheBudgetIsRejectedBeforeParsing() {
        assertThatThrownBy(() -> PacketReader.read(new byte[1500]))
                .hasMessage("datagram of 1500 bytes > max 1200");
    }

    @Test
    void wrongVersionIsRejected() {
        byte[] d = audio();
        d[PacketFormat.VERSION_OFFSET] = (byte) 0x80;
        assertThatThrownBy(() -> PacketReader.read(d)).hasMessage("version 128 != 2");
    }

    @Test
    void unknownTypeAndUnknownStreamAreRejected() {
        byte[] d = audio();
        d[PacketFormat.TYPE_OFFSET] = 99;
        assertThatThrownBy(() -> PacketReader.read(d)).hasMessage("unknown packet type 99");
        byte[] e = audio();
        e[PacketFormat.STREAM_OFFSET] = 9;
        assertThatThrownBy(() -> PacketReader.read(e)).hasMessage("unknown stream id 9");
    }

    @Test
    void payloadLengthThatDisagreesWithTheDatagramIsRejected() {
        byte[] d = audio();
        ByteBuffer.wrap(d).putShort(PacketFormat.LENGTH_OFFSET, (short) 900);
        assertThatThrownBy(() -> PacketReader.read(d)).hasMessage("payload length 900 != datagram length 980 - header 20");
    }

    @Test
    void fragmentIndexBeyondItsCountIsRejected() {
        byte[] d = PacketWriter.write(new Packet.FrameFragment(
                new Header(PacketType.FRAME_FRAGMENT, 0, StreamId.FRAMES, 1, 3, 42), 1, 4, new byte[10]));
        ByteBuffer.wrap(d).putShort(PacketFormat.HEADER_LENGTH + PacketFormat.FRAGMENT_INDEX_OFFSET, (short) 4);
        PacketWriter.sealed(d);
        assertThatThrownBy(() -> PacketReader.read(d)).hasMessage("fragment index 4 >= count 4");
    }

    @Test
    void nackWhoseCountDisagreesWithItsEntriesIsRejected() {
        byte[] d = PacketWriter.write(new Packet.Nack(new Header(PacketType.NACK, 0, StreamId.AUDIO, 0, 0, 42),
                new byte[PacketFormat.PROOF_LENGTH], new int[] {1, 2, 3}));
        ByteBuffer.wrap(d).putShort(PacketFormat.HEADER_LENGTH + PacketFormat.PROOF_LENGTH, (short) 5);
        PacketWriter.sealed(d);
        assertThatThrownBy(() -> PacketReader.read(d)).hasMessage("NACK of 5 entries has 6 bytes of entries");
    }

    @Test
    void anySingleFlippedBitIsCaughtByTheChecksumOrAnEarlierRule() {
        byte[] original = audio();
        for (int bit = 0; bit < original.length * 8; bit++) {
            byte[] d = original.clone();
            d[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThatThrownBy(() -> PacketReader.read(d)).isInstanceOf(MalformedPacketException.class);
        }
    }

    @Test
    void corruptedPayloadIsReportedAsAChecksumMismatch() {
        byte[] d = audio();
        d[PacketFormat.HEADER_LENGTH + 100] ^= 0x10;
        assertThatThrownBy(() -> PacketReader.read(d)).hasMessageStartingWith("checksum 0x");
    }

    @Test
    void anIntactDatagramOfAnotherVersionIsToldApartFromGarbage() throws Exception {
        byte[] d = audio();
        d[PacketFormat.VERSION_OFFSET] = 1;
        PacketWriter.sealed(d);
        assertThatThrownBy(() -> PacketReader.read(d))
                .isInstanceOfSatisfying(UnsupportedVersionException.class, e -> {
                    org.assertj.core.api.Assertions.assertThat(e.version()).isEqualTo(1);
                    org.assertj.core.api.Assertions.assertThat(e.typeWire()).isEqualTo(PacketType.AUDIO.wire());
                })
                .hasMessage("version 1 != 2");
        d[PacketFormat.HEADER_LENGTH] ^= 1;
        assertThatThrownBy(() -> PacketReader.read(d))
                .isExactlyInstanceOf(MalformedPacketException.class).hasMessage("version 1 != 2");
    }

    @Test
    void subscribeChallengeAndWelcomeRoundTripAndASubscribeOfTheWrongLengthIsRejected() throws Exception {
        byte[] cookie = new byte[PacketFormat.COOKIE_LENGTH];
        java.util.Arrays.fill(cookie, (byte) 0x5A);
        byte[] subscribe = PacketWriter.write(new Packet.Subscribe(Header.control(PacketType.SUBSCRIBE, 0), cookie));
        byte[] challenge = PacketWriter.write(new Packet.Challenge(Header.control(PacketType.CHALLENGE, 7), cookie));
        byte[] welcome = PacketWriter.write(new Packet.Welcome(Header.control(PacketType.WELCOME, 7), cookie));

        org.assertj.core.api.Assertions.assertThat(((Packet.Subscribe) PacketReader.read(subscribe)).cookie()).isEqualTo(cookie);
        org.assertj.core.api.Assertions.assertThat(((Packet.Challenge) PacketReader.read(challenge)).cookie()).isEqualTo(cookie);
        org.assertj.core.api.Assertions.assertThat(((Packet.Welcome) PacketReader.read(welcome)).proof()).isEqualTo(cookie);
        org.assertj.core.api.Assertions.assertThat(challenge.length).isEqualTo(subscribe.length);
        byte[] bare = java.util.Arrays.copyOf(subscribe, PacketFormat.HEADER_LENGTH);
        ByteBuffer.wrap(bare).putShort(PacketFormat.LENGTH_OFFSET, (short) 0);
        PacketWriter.sealed(bare);
        assertThatThrownBy(() -> PacketReader.read(bare)).hasMessage("SUBSCRIBE payload of 0 bytes != 16");
    }
}
