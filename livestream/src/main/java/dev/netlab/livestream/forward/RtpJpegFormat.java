package dev.netlab.livestream.forward;

import dev.netlab.livestream.rtp.RtpFormat;

/**
 * RTP/JPEG (RFC 2435) as livestream sends it: payload type 26, a 90 kHz clock, image types 0
 * (4:2:2) and 1 (4:2:0), quantization tables in band (Q = 255) in each frame's first packet.
 * Every field is big-endian. After the 12-byte RTP header ({@link RtpFormat}):
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | Type-specific |              Fragment Offset                  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |      Type     |       Q       |     Width     |     Height    |   width, height in 8-pixel units
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * first packet of a frame only (fragment offset 0, Q >= 128):
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |      MBZ      |   Precision   |             Length            |   precision 0: 8-bit tables
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  luminance table (64 bytes), chrominance table (64 bytes), in zig-zag order as in DQT  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  entropy-coded scan data from byte "Fragment Offset" on                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>The RTP marker bit is set on a frame's last packet; all packets of a frame share its
 * timestamp. The receiver rebuilds the JPEG headers (standard Huffman tables, the sampling
 * the type names) and appends the scan data, which is why only such JPEGs can travel.
 */
public final class RtpJpegFormat {

    /** The static payload type of JPEG (RFC 3551). */
    public static final int PAYLOAD_TYPE = 26;
    /** RTP clock rate of video. */
    public static final int CLOCK_RATE = 90_000;

    public static final int TYPE_SPECIFIC_OFFSET = 0;
    public static final int FRAGMENT_OFFSET_OFFSET = TYPE_SPECIFIC_OFFSET + Byte.BYTES;
    public static final int TYPE_OFFSET = FRAGMENT_OFFSET_OFFSET + 3;
    public static final int Q_OFFSET = TYPE_OFFSET + Byte.BYTES;
    public static final int WIDTH_OFFSET = Q_OFFSET + Byte.BYTES;
    public static final int HEIGHT_OFFSET = WIDTH_OFFSET + Byte.BYTES;
    public static final int MAIN_HEADER_LENGTH = HEIGHT_OFFSET + Byte.BYTES;

    public static final int QUANT_MBZ_OFFSET = 0;
    public static final int QUANT_PRECISION_OFFSET = QUANT_MBZ_OFFSET + Byte.BYTES;
    public static final int QUANT_LENGTH_OFFSET = QUANT_PRECISION_OFFSET + Byte.BYTES;
    public static final int QUANT_HEADER_LENGTH = QUANT_LENGTH_OFFSET + Short.BYTES;
    /** Entries in one 8-bit quantization table. */
    public static final int QUANT_TABLE_LENGTH = 64;
    /** Both tables, luminance then chrominance. */
    public static final int QUANT_TABLES_LENGTH = 2 * QUANT_TABLE_LENGTH;

    /** Type 0: Y sampled 2x1 against chroma (4:2:2). */
    public static final int TYPE_422 = 0;
    /** Type 1: Y sampled 2x2 against chroma (4:2:0). */
    public static final int TYPE_420 = 1;
    /** Q 255: the quantization tables travel in band with every frame and may change each time. */
    public static final int Q_IN_BAND_DYNAMIC = 255;
    /** Largest width or height: 255 units of 8 pixels. */
    public static final int MAX_SIDE = 255 * 8;
    /** Largest fragment offset: 24 bits. */
    public static final int MAX_SCAN_LENGTH = (1 << 24) - 1;

    /** Scan bytes in a packet that also carries the tables, inside the RTP payload budget. */
    public static final int FIRST_PACKET_SCAN_BYTES =
            RtpFormat.MAX_PAYLOAD_LENGTH - MAIN_HEADER_LENGTH - QUANT_HEADER_LENGTH - QUANT_TABLES_LENGTH;
    /** Scan bytes in every later packet of a frame. */
    public static final int LATER_PACKET_SCAN_BYTES = RtpFormat.MAX_PAYLOAD_LENGTH - MAIN_HEADER_LENGTH;

    private RtpJpegFormat() {
    }
}
