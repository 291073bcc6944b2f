package dev.netlab.livestream.forward;

import java.nio.ByteBuffer;

/**
 * The RTCP packet that ends a forwarded stream: a compound of an empty receiver report and a
 * BYE (RFC 3550 6.4.2, 6.6), as RTCP packets must start with a report. Its packet types
 * (201, 203) tell it apart from RTP on the same port (RFC 5761 4). Big-endian; each part is 8 bytes:
 *
 * <pre>
 * |V=2|P|  count  |  PT (201 RR, 203 BYE)  |  length in 32-bit words - 1 = 1  |
 * |                         SSRC of the sender                                 |
 * </pre>
 */
final class RtcpBye {

    static final int VERSION_BITS = 2 << 6;
    static final int RECEIVER_REPORT = 201;
    static final int BYE = 203;
    static final int PART_LENGTH = 8;
    /** Length field of an 8-byte RTCP packet: its size in 32-bit words, minus one. */
    static final int PART_LENGTH_WORDS = PART_LENGTH / Integer.BYTES - 1;

    private RtcpBye() {
    }

    static byte[] packet(int ssrc) {
        ByteBuffer b = ByteBuffer.allocate(2 * PART_LENGTH);
        b.put((byte) VERSION_BITS).put((byte) RECEIVER_REPORT).putShort((short) PART_LENGTH_WORDS).putInt(ssrc);
        b.put((byte) (VERSION_BITS | 1)).put((byte) BYE).putShort((short) PART_LENGTH_WORDS).putInt(ssrc);
        return b.array();
    }
}
