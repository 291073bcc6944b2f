package dev.netlab.livestream.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netlab.common.testing.CaseRandom;
import dev.netlab.common.testing.SeededCases;
import java.util.Arrays;

class PacketCodecProperties {

    @SeededCases(300)
    void everyPacketReadsBackAsWritten(long seed) throws MalformedPacketException {
        Packet packet = anyPacket(new CaseRandom(seed));
        byte[] datagram = PacketWriter.write(packet);

        Packet back = PacketReader.read(datagram);

        assertThat(back).usingRecursiveComparison().isEqualTo(packet);
        assertThat(datagram.length).isLessThanOrEqualTo(PacketFormat.MAX_DATAGRAM_LENGTH);
    }

    @SeededCases(300)
    void everyTruncatedOrExtendedPacketIsRejected(long seed) {
        CaseRandom random = new CaseRandom(seed);
        byte[] datagram = PacketWriter.write(anyPacket(random));
        int cut = random.between(1, 40);
        byte[] shorter = Arrays.copyOf(datagram, Math.max(0, datagram.length - cut));
        byte[] longer = Arrays.copyOf(datagram, datagram.length + cut);

        assertThatThrownBy(() -> PacketReader.read(shorter)).isInstanceOf(MalformedPacketException.class);
        assertThatThrownBy(() -> PacketReader.read(longer)).isInstanceOf(MalformedPacketException.class);
    }

    @SeededCases(300)
    void randomBytesAreEitherAValidPacketOrMalformedNeverAnotherException(long seed) {
        byte[] garbage = new CaseRandom(seed).bytes(0, 1300);
        try {
            Packet p = PacketReader.read(garbage);
            assertThat(PacketWriter.write(p)).isEqualTo(garbage);
        } catch (MalformedPacketException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @SeededCases(300)
    void retransmissionFlagRoundTripsAndClearsBackToTheOriginalBytes(long seed) throws MalformedPacketException {
        Packet packet = audio(new CaseRandom(seed));
        byte[] original = PacketWriter.withRetransmissionFlag(PacketWriter.write(packet), false);
        byte[] resent = PacketWriter.withRetransmissionFlag(original, true);

        assertThat(PacketReader.read(resent).header().isRetransmission()).isTrue();
        assertThat(PacketWriter.withRetransmissionFlag(resent, false)).isEqualTo(original);
    }

    private static Packet anyPacket(CaseRandom random) {
        return switch (random.nextInt(7)) {
            case 0 -> audio(random);
            case 1 -> fragment(random);
            case 2 -> new Packet.FecRepair(header(random, PacketType.FEC_REPAIR, true),
                    random.bytes(1, PacketFormat.MAX_PAYLOAD_LENGTH));
            case 3 -> control(random);
            case 4 -> report(random);
            case 5 -> nack(random);
            default -> sessionInfo(random);
        };
    }

    private static Packet audio(CaseRandom random) {
        return new Packet.Audio(header(random, PacketType.AUDIO, true), random.bytes(1, PacketFormat.MAX_PAYLOAD_LENGTH));
    }

    private static Packet fragment(CaseRandom random) {
        Header header = header(random, PacketType.FRAME_FRAGMENT, true);
        int count = random.between(1, PacketFormat.MAX_FRAGMENTS);
        int index = random.between(0, 10_000) % count;
        return new Packet.FrameFragment(header, index, count, random.bytes(1, PacketFormat.MAX_FRAGMENT_DATA));
    }

    private static Packet control(CaseRandom random) {
        return switch (random.nextInt(6)) {
            case 0 -> new Packet.Subscribe(header(random, PacketType.SUBSCRIBE, false), sixteen(random));
            case 1 -> new Packet.Challenge(header(random, PacketType.CHALLENGE, false), sixteen(random));
            case 2 -> new Packet.Welcome(header(random, PacketType.WELCOME, false), sixteen(random));
            case 3 -> new Packet.Goodbye(header(random, PacketType.GOODBYE, false), sixteen(random));
            case 4 -> new Packet.Heartbeat(header(random, PacketType.HEARTBEAT, false), sixteen(random), random.anyLong());
            default -> new Packet.ServerGoodbye(header(random, PacketType.SERVER_GOODBYE, false),
                    random.oneOf(GoodbyeReason.values()));
        };
    }

    private static Packet report(CaseRandom random) {
        return new Packet.ReceiverReport(header(random, PacketType.RECEIVER_REPORT, true), sixteen(random),
                random.between(0, 255),
                random.between(0, 0xFFFFFF), random.between(0L, 0xFFFFFFFFL), random.between(0L, 0xFFFFFFFFL),
                random.between(0L, 0xFFFFFFFFL), random.between(0, 0xFFFF));
    }

    private static Packet nack(CaseRandom random) {
        int[] missing = new int[random.between(1, PacketFormat.MAX_NACK_ENTRIES)];
        for (int i = 0; i < missing.length; i++) {
            missing[i] = random.between(0, 0xFFFF);
        }
        return new Packet.Nack(header(random, PacketType.NACK, true), sixteen(random), missing);
    }

    /** A cookie or a proof. */
    private static byte[] sixteen(CaseRandom random) {
        return random.bytes(PacketFormat.COOKIE_LENGTH, PacketFormat.COOKIE_LENGTH);
    }

    private static Packet sessionInfo(CaseRandom random) {
        Header header = header(random, PacketType.SESSION_INFO, false);
        int rate = random.between(1, 384_000);
        int channels = random.between(1, 2);
        boolean loop = random.nextBoolean();
        int seq = random.between(0, 0xFFFF);
        long frames = random.between(0L, 0xFFFFFFFFL);
        int frameSeq = random.between(0, 0xFFFF);
        long ts = random.between(0L, 0xFFFFFFFFL);
        return new Packet.SessionInfo(header, rate, channels, loop, !loop, 1 + seq % 290, frames, seq, frameSeq, ts,
                frames / 2, 25_000, ts / 3, "xor-row:" + (seq % 20));
    }

    private static Header header(CaseRandom random, PacketType type, boolean withStream) {
        boolean media = type == PacketType.AUDIO || type == PacketType.FRAME_FRAGMENT;
        StreamId stream = random.oneOf(StreamId.values());
        int sequence = random.between(0, 0xFFFF);
        long timestamp = random.between(0L, 0xFFFFFFFFL);
        int session = random.anyInt();
        int flags = random.oneOf(0, media ? PacketFormat.FLAG_RETRANSMISSION : 0);
        return withStream ? new Header(type, flags, stream, sequence, timestamp, session) : Header.control(type, session);
    }
}
