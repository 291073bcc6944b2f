package dev.netlab.livestream.rtp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Parses and validates livestream datagrams. Every rule of {@link PacketFormat} is checked
 * before anything is allocated; a datagram that breaks one raises
 * {@link MalformedPacketException} naming the rule and the values. Stateless and thread-safe.
 * Session membership (is this our session id?) is the caller's check.
 */
public final class PacketReader {

    private PacketReader() {
    }

    public static Packet read(byte[] datagram) throws MalformedPacketException {
        return read(datagram, 0, datagram.length);
    }

    public static Packet read(byte[] buf, int offset, int length) throws MalformedPacketException {
        Header header = readHeader(buf, offset, length);
        ByteBuffer p = ByteBuffer.wrap(buf, offset + PacketFormat.HEADER_LENGTH, length - PacketFormat.HEADER_LENGTH).slice();
        int n = p.remaining();
        switch (header.type()) {
            case AUDIO:
                if (n == 0) {
                    throw new MalformedPacketException("audio packet without samples");
                }
                return new Packet.Audio(header, bytes(p, n));
            case FRAME_FRAGMENT:
                return readFragment(header, p);
            case FEC_REPAIR:
                if (n == 0) {
                    throw new MalformedPacketException("FEC repair packet without payload");
                }
                return new Packet.FecRepair(header, bytes(p, n));
            case SUBSCRIBE:
                expectLength(header, n, PacketFormat.SUBSCRIBE_LENGTH);
                return new Packet.Subscribe(header, bytes(p, PacketFormat.COOKIE_LENGTH));
            case CHALLENGE:
                expectLength(header, n, PacketFormat.CHALLENGE_LENGTH);
                return new Packet.Challenge(header, bytes(p, PacketFormat.COOKIE_LENGTH));
            case WELCOME:
                expectLength(header, n, PacketFormat.WELCOME_LENGTH);
                return new Packet.Welcome(header, bytes(p, PacketFormat.PROOF_LENGTH));
            case GOODBYE:
                expectLength(header, n, PacketFormat.GOODBYE_LENGTH);
                return new Packet.Goodbye(header, bytes(p, PacketFormat.PROOF_LENGTH));
            case HEARTBEAT:
                expectLength(header, n, PacketFormat.HEARTBEAT_LENGTH);
                return new Packet.Heartbeat(header, bytes(p, PacketFormat.PROOF_LENGTH), p.getLong());
            case RECEIVER_REPORT:
                expectLength(header, n, PacketFormat.RECEIVER_REPORT_LENGTH);
                byte[] proof = bytes(p, PacketFormat.PROOF_LENGTH);
                int lost = p.getInt();
                return new Packet.ReceiverReport(header, proof, lost >>> 24, lost & 0xFFFFFF, p.getInt() & 0xFFFFFFFFL,
                        p.getInt() & 0xFFFFFFFFL, p.getInt() & 0xFFFFFFFFL, p.getShort() & 0xFFFF);
            case NACK:
                return readNack(header, p);
            case SESSION_INFO:
                return readSessionInfo(header, p);
            case SERVER_GOODBYE:
                expectLength(header, n, PacketFormat.SERVER_GOODBYE_LENGTH);
                int wire = p.get() & 0xFF;
                GoodbyeReason reason = GoodbyeReason.fromWire(wire);
                if (reason == null) {
                    throw new MalformedPacketException("unknown goodbye reason " + wire);
                }
                return new Packet.ServerGoodbye(header, reason);
            default:
                throw new MalformedPacketException("unhandled type " + header.type());
        }
    }

    /** Validates and decodes the 20-byte header, including the payload length rule. */
    public static Header readHeader(byte[] buf, int offset, int length) throws MalformedPacketException {
        if (length < PacketFormat.HEADER_LENGTH) {
            throw new MalformedPacketException("datagram of " + length + " bytes < header length " + PacketFormat.HEADER_LENGTH);
        }
        if (length > PacketFormat.MAX_DATAGRAM_LENGTH) {
            throw new MalformedPacketException("datagram of " + length + " bytes > max " + PacketFormat.MAX_DATAGRAM_LENGTH);
        }
        ByteBuffer h = ByteBuffer.wrap(buf, offset, length).slice();
        int version = h.get(PacketFormat.VERSION_OFFSET) & 0xFF;
        int typeWire = h.get(PacketFormat.TYPE_OFFSET) & 0xFF;
        if (version != PacketFormat.VERSION) {
            if (h.getInt(PacketFormat.CHECKSUM_OFFSET) == PacketWriter.checksum(buf, offset, length)) {
                throw new UnsupportedVersionException(version, typeWire);
            }
            throw new MalformedPacketException("version " + version + " != " + PacketFormat.VERSION);
        }
        PacketType type = PacketType.fromWire(typeWire);
        if (type == null) {
            throw new MalformedPacketException("unknown packet type " + typeWire);
        }
        int flags = h.get(PacketFormat.FLAGS_OFFSET) & 0xFF;
        if ((flags & ~PacketFormat.KNOWN_FLAGS) != 0) {
            throw new MalformedPacketException("unknown flags 0x" + Integer.toHexString(flags));
        }
        int streamWire = h.get(PacketFormat.STREAM_OFFSET) & 0xFF;
        StreamId stream = null;
        if (type.aboutAStream()) {
            stream = StreamId.fromWire(streamWire);
            if (stream == null) {
                throw new MalformedPacketException("unknown stream id " + streamWire);
            }
        } else if (streamWire != 0) {
            throw new MalformedPacketException(type + " with stream id " + streamWire + " != 0");
        }
        int payloadLength = h.getShort(PacketFormat.LENGTH_OFFSET) & 0xFFFF;
        if (payloadLength != length - PacketFormat.HEADER_LENGTH) {
            throw new MalformedPacketException("payload length " + payloadLength + " != datagram length "
                    + length + " - header " + PacketFormat.HEADER_LENGTH);
        }
        int checksum = h.getInt(PacketFormat.CHECKSUM_OFFSET);
        int computed = PacketWriter.checksum(buf, offset, length);
        if (checksum != computed) {
            throw new MalformedPacketException(String.format("checksum 0x%08x != computed 0x%08x", checksum, computed));
        }
        return new Header(type, flags, stream, h.getShort(PacketFormat.SEQUENCE_OFFSET) & 0xFFFF,
                h.getInt(PacketFormat.TIMESTAMP_OFFSET) & 0xFFFFFFFFL, h.getInt(PacketFormat.SESSION_OFFSET));
    }

    private static Packet readFragment(Header header, ByteBuffer p) throws MalformedPacketException {
        if (p.remaining() <= PacketFormat.FRAGMENT_HEADER_LENGTH) {
            throw new MalformedPacketException("frame fragment of " + p.remaining() + " bytes has no data");
        }
        int index = p.getShort() & 0xFFFF;
        int count = p.getShort() & 0xFFFF;
        if (count < 1 || count > PacketFormat.MAX_FRAGMENTS) {
            throw new MalformedPacketException("fragment count " + count + " not in 1.." + PacketFormat.MAX_FRAGMENTS);
        }
        if (index >= count) {
            throw new MalformedPacketException("fragment index " + index + " >= count " + count);
        }
        return new Packet.FrameFragment(header, index, count, bytes(p, p.remaining()));
    }

    private static Packet readNack(Header header, ByteBuffer p) throws MalformedPacketException {
        if (p.remaining() < PacketFormat.NACK_FIXED_LENGTH) {
            throw new MalformedPacketException("NACK of " + p.remaining() + " bytes has no proof and count");
        }
        byte[] proof = bytes(p, PacketFormat.PROOF_LENGTH);
        int count = p.getShort() & 0xFFFF;
        if (count < 1 || count > PacketFormat.MAX_NACK_ENTRIES) {
            throw new MalformedPacketException("NACK count " + count + " not in 1.." + PacketFormat.MAX_NACK_ENTRIES);
        }
        if (p.remaining() != count * Short.BYTES) {
            throw new MalformedPacketException("NACK of " + count + " entries has " + p.remaining() + " bytes of entries");
        }
        int[] sequences = new int[count];
        for (int i = 0; i < count; i++) {
            sequences[i] = p.getShort() & 0xFFFF;
        }
        return new Packet.Nack(header, proof, sequences);
    }

    private static Packet readSessionInfo(Header header, ByteBuffer p) throws MalformedPacketException {
        if (p.remaining() < PacketFormat.SESSION_INFO_FIXED_LENGTH) {
            throw new MalformedPacketException("session info of " + p.remaining() + " bytes < "
                    + PacketFormat.SESSION_INFO_FIXED_LENGTH);
        }
        int rate = p.getInt();
        int channels = p.get() & 0xFF;
        int flags = p.get() & 0xFF;
        int samplesPerPacket = p.getShort() & 0xFFFF;
        long audioFrames = p.getInt() & 0xFFFFFFFFL;
        int audioSeq = p.getShort() & 0xFFFF;
        int frameSeq = p.getShort() & 0xFFFF;
        long audioTs = p.getInt() & 0xFFFFFFFFL;
        long frameStart = p.getInt() & 0xFFFFFFFFL;
        int fpsMilli = p.getInt();
        long videoFrames = p.getInt() & 0xFFFFFFFFL;
        int specLength = p.get() & 0xFF;
        if (rate < 1 || (channels != 1 && channels != 2) || samplesPerPacket < 1 || fpsMilli < 0) {
            throw new MalformedPacketException("session info with rate " + rate + ", channels " + channels
                    + ", samples per packet " + samplesPerPacket + ", fps x 1000 " + fpsMilli);
        }
        if (samplesPerPacket * channels * 2 > PacketFormat.MAX_PAYLOAD_LENGTH) {
            throw new MalformedPacketException("session info with " + samplesPerPacket
                    + " samples per packet > payload budget");
        }
        if (specLength > PacketFormat.MAX_FEC_SPEC_LENGTH || specLength != p.remaining()) {
            throw new MalformedPacketException("session info FEC spec length " + specLength + " with "
                    + p.remaining() + " bytes left");
        }
        String spec = new String(bytes(p, specLength), StandardCharsets.US_ASCII);
        return new Packet.SessionInfo(header, rate, channels, (flags & PacketFormat.SESSION_FLAG_LOOP) != 0,
                (flags & PacketFormat.SESSION_FLAG_FRAMES) != 0, samplesPerPacket, audioFrames, audioSeq, frameSeq,
                audioTs, frameStart, fpsMilli, videoFrames, spec);
    }

    private static void expectLength(Header header, int actual, int expected) throws MalformedPacketException {
        if (actual != expected) {
            throw new MalformedPacketException(header.type() + " payload of " + actual + " bytes != " + expected);
        }
    }

    private static byte[] bytes(ByteBuffer p, int n) {
        byte[] out = new byte[n];
        p.get(out);
        return out;
    }
}
