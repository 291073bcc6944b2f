package dev.netlab.livestream.forward;

import dev.netlab.livestream.rtp.RtpFormat;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts one {@link BaselineJpeg} into RTP/JPEG datagrams (see {@link RtpJpegFormat}): the
 * first carries the quantization tables, each carries its scan bytes' offset, the last has
 * the marker bit. Holds one stream's sequence number and SSRC; not thread-safe.
 */
public final class RtpJpegPacketizer {

    private final int ssrc;
    private int sequence;

    public RtpJpegPacketizer(int ssrc, int firstSequence) {
        this.ssrc = ssrc;
        this.sequence = firstSequence & 0xFFFF;
    }

    /** The datagrams of one frame shown at RTP time {@code timestamp} (90 kHz, mod 2^32). */
    public List<byte[]> packets(BaselineJpeg jpeg, long timestamp) {
        byte[] scan = jpeg.scan();
        List<byte[]> out = new ArrayList<>(scan.length / RtpJpegFormat.LATER_PACKET_SCAN_BYTES + 2);
        int offset = 0;
        do {
            boolean first = offset == 0;
            int room = first ? RtpJpegFormat.FIRST_PACKET_SCAN_BYTES : RtpJpegFormat.LATER_PACKET_SCAN_BYTES;
            int n = Math.min(room, scan.length - offset);
            boolean last = offset + n == scan.length;
            int length = RtpFormat.HEADER_LENGTH + RtpJpegFormat.MAIN_HEADER_LENGTH
                    + (first ? RtpJpegFormat.QUANT_HEADER_LENGTH + RtpJpegFormat.QUANT_TABLES_LENGTH : 0) + n;
            ByteBuffer b = ByteBuffer.allocate(length);
            b.put((byte) (RtpFormat.VERSION << 6))
                    .put((byte) ((last ? RtpFormat.MARKER_BIT : 0) | RtpJpegFormat.PAYLOAD_TYPE))
                    .putShort((short) sequence).putInt((int) timestamp).putInt(ssrc);
            b.putInt(offset); // type-specific 0, then the 24-bit fragment offset
            b.put((byte) jpeg.type()).put((byte) RtpJpegFormat.Q_IN_BAND_DYNAMIC)
                    .put((byte) ((jpeg.width() + 7) / 8)).put((byte) ((jpeg.height() + 7) / 8));
            if (first) {
                b.put((byte) 0).put((byte) 0).putShort((short) RtpJpegFormat.QUANT_TABLES_LENGTH).put(jpeg.quantTables());
            }
            b.put(scan, offset, n);
            out.add(b.array());
            sequence = (sequence + 1) & 0xFFFF;
            offset += n;
        } while (offset < scan.length);
        return out;
    }
}
