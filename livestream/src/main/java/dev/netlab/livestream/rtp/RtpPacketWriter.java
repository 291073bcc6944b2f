package dev.netlab.livestream.rtp;

import java.nio.ByteBuffer;

/** Builds plain RTP L16 datagrams from little-endian WAV samples. Stateless and thread-safe. */
public final class RtpPacketWriter {

    private RtpPacketWriter() {
    }

    /** An RTP packet carrying {@code littleEndianPcm}, byte-swapped to L16's network order. */
    public static byte[] write(int payloadType, boolean marker, int sequence, long timestamp, int ssrc,
                               byte[] littleEndianPcm) {
        if (littleEndianPcm.length > RtpFormat.MAX_PAYLOAD_LENGTH || (littleEndianPcm.length & 1) != 0) {
            throw new IllegalArgumentException("L16 payload of " + littleEndianPcm.length + " bytes");
        }
        ByteBuffer b = ByteBuffer.allocate(RtpFormat.HEADER_LENGTH + littleEndianPcm.length);
        b.put((byte) (RtpFormat.VERSION << 6))
                .put((byte) ((marker ? RtpFormat.MARKER_BIT : 0) | (payloadType & 0x7F)))
                .putShort((short) sequence).putInt((int) timestamp).putInt(ssrc);
        for (int i = 0; i < littleEndianPcm.length; i += 2) {
            b.put(littleEndianPcm[i + 1]).put(littleEndianPcm[i]);
        }
        return b.array();
    }
}
