package dev.netlab.livestream.rtp;

/**
 * Plain RTP (RFC 3550 section 5.1), as {@code livestream rtp} sends it for ffplay, VLC and
 * GStreamer: no CSRCs, no extension, no padding. Every field is big-endian.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|X|  CC   |M|     PT      |       sequence number         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                           timestamp                           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           synchronization source (SSRC) identifier            |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |     payload: L16 (RFC 3551 4.5.11), big-endian 16-bit PCM      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>The marker bit is set on the first packet (start of a talkspurt); the timestamp counts
 * sample frames at the audio's own rate, which the SDP's rtpmap announces.
 */
public final class RtpFormat {

    public static final int VERSION = 2;
    public static final int FIRST_BYTE_OFFSET = 0;
    public static final int MARKER_AND_TYPE_OFFSET = FIRST_BYTE_OFFSET + Byte.BYTES;
    public static final int SEQUENCE_OFFSET = MARKER_AND_TYPE_OFFSET + Byte.BYTES;
    public static final int TIMESTAMP_OFFSET = SEQUENCE_OFFSET + Short.BYTES;
    public static final int SSRC_OFFSET = TIMESTAMP_OFFSET + Integer.BYTES;
    public static final int HEADER_LENGTH = SSRC_OFFSET + Integer.BYTES;
    public static final int MARKER_BIT = 0x80;
    /** First dynamic payload type (RFC 3551); the default for L16 at any rate. */
    public static final int DEFAULT_PAYLOAD_TYPE = 96;
    public static final int MAX_PAYLOAD_LENGTH = PacketFormat.MAX_DATAGRAM_LENGTH - HEADER_LENGTH;

    private RtpFormat() {
    }
}
