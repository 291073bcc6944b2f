package dev.netlab.livestream.rtp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * Turns {@link Packet}s into datagrams. Stateless and thread-safe. Refuses (with
 * IllegalArgumentException) anything that would exceed {@link PacketFormat#MAX_DATAGRAM_LENGTH}.
 */
public final class PacketWriter {

    private static final byte[] ZEROS = new byte[Integer.BYTES];

    private PacketWriter() {
    }

    public static byte[] write(Packet packet) {
        ByteBuffer payload = ByteBuffer.allocate(PacketFormat.MAX_PAYLOAD_LENGTH);
        if (packet instanceof Packet.Audio a) {
            payload.put(checkFits(a.pcm().length, a.pcm()));
        } else if (packet instanceof Packet.FrameFragment f) {
            checkFits(PacketFormat.FRAGMENT_HEADER_LENGTH + f.data().length, f.data());
            payload.putShort((short) f.index()).putShort((short) f.count()).put(f.data());
        } else if (packet instanceof Packet.FecRepair r) {
            payload.put(checkFits(r.repair().length, r.repair()));
        } else if (packet instanceof Packet.Subscribe sub) {
            payload.put(sub.cookie());
        } else if (packet instanceof Packet.Challenge c) {
            payload.put(c.cookie());
        } else if (packet instanceof Packet.Welcome w) {
            payload.put(w.proof());
        } else if (packet instanceof Packet.Goodbye g) {
            payload.put(g.proof());
        } else if (packet instanceof Packet.Heartbeat h) {
            payload.put(h.proof()).putLong(h.token());
        } else if (packet instanceof Packet.ReceiverReport r) {
            payload.put(r.proof()).putInt((r.fractionLost() & 0xFF) << 24 | Math.min(r.cumulativeLost(), 0xFFFFFF))
                    .putInt((int) r.highestSequence()).putInt((int) Math.min(r.jitterMicros(), 0xFFFFFFFFL))
                    .putInt((int) Math.min(r.concealed(), 0xFFFFFFFFL))
                    .putShort((short) Math.min(r.playoutDelayMillis(), 0xFFFF)).putShort((short) 0);
        } else if (packet instanceof Packet.Nack n) {
            payload.put(n.proof()).putShort((short) n.sequences().length);
            for (int s : n.sequences()) {
                payload.putShort((short) s);
            }
        } else if (packet instanceof Packet.SessionInfo i) {
            writeSessionInfo(payload, i);
        } else if (packet instanceof Packet.ServerGoodbye g) {
            payload.put((byte) g.reason().wire());
        }
        payload.flip();
        return withHeader(packet.header(), payload);
    }

    private static byte[] checkFits(int length, byte[] bytes) {
        if (length > PacketFormat.MAX_PAYLOAD_LENGTH) {
            throw new IllegalArgumentException("payload length " + length + " > max " + PacketFormat.MAX_PAYLOAD_LENGTH);
        }
        return bytes;
    }

    private static void writeSessionInfo(ByteBuffer b, Packet.SessionInfo i) {
        byte[] spec = i.fecSpec().getBytes(StandardCharsets.US_ASCII);
        if (spec.length > PacketFormat.MAX_FEC_SPEC_LENGTH) {
            throw new IllegalArgumentException("FEC spec of " + spec.length + " bytes > max " + PacketFormat.MAX_FEC_SPEC_LENGTH);
        }
        int flags = (i.loop() ? PacketFormat.SESSION_FLAG_LOOP : 0) | (i.hasFrames() ? PacketFormat.SESSION_FLAG_FRAMES : 0);
        b.putInt(i.sampleRate()).put((byte) i.channels()).put((byte) flags).putShort((short) i.samplesPerPacket())
                .putInt((int) i.audioFrames()).putShort((short) i.audioStartSequence())
                .putShort((short) i.frameStartSequence()).putInt((int) i.audioStartPacket())
                .putInt((int) i.frameStartNumber()).putInt(i.fpsMilli()).putInt((int) i.videoFrames())
                .put((byte) spec.length).put(spec);
    }

    private static byte[] withHeader(Header h, ByteBuffer payload) {
        ByteBuffer out = ByteBuffer.allocate(PacketFormat.HEADER_LENGTH + payload.remaining());
        out.put((byte) PacketFormat.VERSION).put((byte) h.type().wire()).put((byte) h.flags())
                .put((byte) (h.stream() == null ? 0 : h.stream().wire())).putShort((short) h.sequence())
                .putShort((short) payload.remaining()).putInt((int) h.timestamp()).putInt(h.sessionId())
                .putInt(0).put(payload);
        return sealed(out.array());
    }

    /** Fills in the checksum field of a complete datagram (in place) and returns it. */
    static byte[] sealed(byte[] datagram) {
        ByteBuffer.wrap(datagram).putInt(PacketFormat.CHECKSUM_OFFSET, checksum(datagram, 0, datagram.length));
        return datagram;
    }

    /**
     * Returns a copy of {@code datagram} with the retransmission flag set or cleared. FEC
     * protects the datagram as first sent, so a retransmitted copy is fed to the FEC decoder
     * with the flag cleared again.
     */
    public static byte[] withRetransmissionFlag(byte[] datagram, boolean set) {
        byte[] copy = datagram.clone();
        int flags = copy[PacketFormat.FLAGS_OFFSET] & 0xFF;
        copy[PacketFormat.FLAGS_OFFSET] = (byte) (set ? flags | PacketFormat.FLAG_RETRANSMISSION
                : flags & ~PacketFormat.FLAG_RETRANSMISSION);
        return sealed(copy);
    }

    /** CRC-32C of a datagram with its checksum field taken as zero. */
    static int checksum(byte[] buf, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(buf, offset, PacketFormat.CHECKSUM_OFFSET);
        crc.update(ZEROS, 0, Integer.BYTES);
        int after = PacketFormat.CHECKSUM_OFFSET + Integer.BYTES;
        crc.update(buf, offset + after, length - after);
        return (int) crc.getValue();
    }
}
