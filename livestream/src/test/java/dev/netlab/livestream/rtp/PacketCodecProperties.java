package dev.netlab.livestream.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class PacketCodecProperties {

    @Property(tries = 300)
    void everyPacketReadsBackAsWritten(@ForAll("packets") Packet packet) throws MalformedPacketException {
        byte[] datagram = PacketWriter.write(packet);

        Packet back = PacketReader.read(datagram);

        assertThat(back).usingRecursiveComparison().isEqualTo(packet);
        assertThat(datagram.length).isLessThanOrEqualTo(PacketFormat.MAX_DATAGRAM_LENGTH);
    }

    @Property(tries = 300)
    void everyTruncatedOrExtendedPacketIsRejected(@ForAll("packets") Packet packet,
                                                  @ForAll @IntRange(min = 1, max = 40) int cut) {
        byte[] datagram = PacketWriter.write(packet);
        byte[] shorter = Arrays.copyOf(datagram, Math.max(0, datagram.length - cut));
        byte[] longer = Arrays.copyOf(datagram, datagram.length + cut);

        assertThatThrownBy(() -> PacketReader.read(shorter)).isInstanceOf(MalformedPacketException.class);
        assertThatThrownBy(() -> PacketReader.read(longer)).isInstanceOf(MalformedPacketException.class);
    }

    @Property(tries = 300)
    void randomBytesAreEitherAValidPacketOrMalformedNeverAnotherException(
            @ForAll @Size(max = 1300) byte[] garbage) {
        try {
            Packet p = PacketReader.read(garbage);
            assertThat(PacketWriter.write(p)).isEqualTo(garbage);
        } catch (MalformedPacketException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 300)
    void retransmissionFlagRoundTripsAndClearsBackToTheOriginalBytes(@ForAll("audio") Packet packet)
            throws MalformedPacketException {
        byte[] original = PacketWriter.withRetransmissionFlag(PacketWriter.write(packet), false);
        byte[] resent = PacketWriter.withRetransmissionFlag(original, true);

        assertThat(PacketReader.read(resent).header().isRetransmission()).isTrue();
        assertThat(PacketWriter.withRetransmissionFlag(resent, false)).isEqualTo(original);
    }

    @Provide
    Arbitrary<Packet> packets() {
        return Arbitraries.oneOf(audio(), fragments(), repairs(), controls(), reports(), nacks(), sessionInfos());
    }

    @Provide
    Arbitrary<Packet> audio() {
        return Combinators.combine(header(PacketType.AUDIO, true), payload(1, PacketFormat.MAX_PAYLOAD_LENGTH))
                .as(Packet.Audio::new);
    }

    private Arbitrary<Packet> fragments() {
        return Combinators.combine(header(PacketType.FRAME_FRAGMENT, true),
                Arbitraries.integers().between(1, PacketFormat.MAX_FRAGMENTS), Arbitraries.integers().between(0, 10_000),
                payload(1, PacketFormat.MAX_FRAGMENT_DATA))
                .as((h, count, i, data) -> new Packet.FrameFragment(h, i % count, count, data));
    }

    private Arbitrary<Packet> repairs() {
        return Combinators.combine(header(PacketType.FEC_REPAIR, true), payload(1, PacketFormat.MAX_PAYLOAD_LENGTH))
                .as(Packet.FecRepair::new);
    }

    private Arbitrary<Packet> controls() {
        return Arbitraries.oneOf(
                Combinators.combine(header(PacketType.SUBSCRIBE, false), sixteen()).as(Packet.Subscribe::new),
                Combinators.combine(header(PacketType.CHALLENGE, false), sixteen()).as(Packet.Challenge::new),
                Combinators.combine(header(PacketType.WELCOME, false), sixteen()).as(Packet.Welcome::new),
                Combinators.combine(header(PacketType.GOODBYE, false), sixteen()).as(Packet.Goodbye::new),
                Combinators.combine(header(PacketType.HEARTBEAT, false), sixteen(), Arbitraries.longs())
                        .as(Packet.Heartbeat::new),
                Combinators.combine(header(PacketType.SERVER_GOODBYE, false), Arbitraries.of(GoodbyeReason.class))
                        .as(Packet.ServerGoodbye::new));
    }

    private Arbitrary<Packet> reports() {
        return Combinators.combine(header(PacketType.RECEIVER_REPORT, true), sixteen(), Arbitraries.integers().between(0, 255),
                Arbitraries.integers().between(0, 0xFFFFFF), Arbitraries.longs().between(0, 0xFFFFFFFFL),
                Arbitraries.longs().between(0, 0xFFFFFFFFL), Arbitraries.longs().between(0, 0xFFFFFFFFL),
                Arbitraries.integers().between(0, 0xFFFF))
                .as(Packet.ReceiverReport::new);
    }

    private Arbitrary<Packet> nacks() {
        return Combinators.combine(header(PacketType.NACK, true), sixteen(),
                Arbitraries.integers().between(0, 0xFFFF).array(int[].class).ofMinSize(1).ofMaxSize(PacketFormat.MAX_NACK_ENTRIES))
                .as(Packet.Nack::new);
    }

    private Arbitrary<Packet> sessionInfos() {
        Arbitrary<Integer> u16 = Arbitraries.integers().between(0, 0xFFFF);
        Arbitrary<Long> u32 = Arbitraries.longs().between(0, 0xFFFFFFFFL);
        Arbitrary<String> spec = Arbitraries.strings().withCharRange('!', '~').ofMaxLength(PacketFormat.MAX_FEC_SPEC_LENGTH);
        return Combinators.combine(header(PacketType.SESSION_INFO, false), Arbitraries.integers().between(1, 384_000),
                Arbitraries.integers().between(1, 2), Arbitraries.of(true, false), u16, u32, u16, u32)
                .as((h, rate, ch, loop, seq, frames, fseq, ts) -> new Packet.SessionInfo(h, rate, ch, loop, !loop,
                        1 + seq % 290, frames, seq, fseq, ts, frames / 2, 25_000, ts / 3, "xor-row:" + (seq % 20)));
    }

    private Arbitrary<Header> header(PacketType type, boolean withStream) {
        Arbitrary<StreamId> stream = withStream ? Arbitraries.of(StreamId.class) : Arbitraries.just(null);
        boolean media = type == PacketType.AUDIO || type == PacketType.FRAME_FRAGMENT;
        return Combinators.combine(stream, Arbitraries.integers().between(0, 0xFFFF),
                Arbitraries.longs().between(0, 0xFFFFFFFFL), Arbitraries.integers(),
                Arbitraries.of(0, media ? PacketFormat.FLAG_RETRANSMISSION : 0))
                .as((s, seq, ts, session, flags) -> withStream
                        ? new Header(type, flags, s, seq, ts, session)
                        : Header.control(type, session));
    }

    /** A cookie or a proof. */
    private static Arbitrary<byte[]> sixteen() {
        return payload(PacketFormat.COOKIE_LENGTH, PacketFormat.COOKIE_LENGTH);
    }

    private static Arbitrary<byte[]> payload(int min, int max) {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(min).ofMaxSize(max);
    }
}
