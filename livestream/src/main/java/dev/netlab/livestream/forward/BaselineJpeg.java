package dev.netlab.livestream.forward;

import static dev.netlab.livestream.media.JpegMarkers.DHT;
import static dev.netlab.livestream.media.JpegMarkers.DQT;
import static dev.netlab.livestream.media.JpegMarkers.DRI;
import static dev.netlab.livestream.media.JpegMarkers.EOI;
import static dev.netlab.livestream.media.JpegMarkers.LAST_SOF;
import static dev.netlab.livestream.media.JpegMarkers.SOF0;
import static dev.netlab.livestream.media.JpegMarkers.SOI;
import static dev.netlab.livestream.media.JpegMarkers.SOS;

import java.util.Arrays;
import javax.imageio.plugins.jpeg.JPEGHuffmanTable;

/**
 * A JPEG in the form RTP/JPEG (RFC 2435) carries: baseline (SOF0), 8-bit, three components
 * with Y sampled 2x1 or 2x2 against Cb and Cr, two 8-bit quantization tables (one for Y, one
 * shared by Cb and Cr), the standard Huffman tables (or none, which means them), no restart
 * interval, one interleaved scan, at most 2040x2040. {@link #parse} walks the markers (SOI,
 * DQT, DHT, SOF0, SOS up to EOI), checks each rule and keeps what travels: type, size in
 * 8-pixel units, the tables and the entropy-coded scan data. Immutable.
 */
public final class BaselineJpeg {

    private final int type;
    private final int width;
    private final int height;
    private final byte[] quantTables;
    private final byte[] scan;

    private BaselineJpeg(int type, int width, int height, byte[] quantTables, byte[] scan) {
        this.type = type;
        this.width = width;
        this.height = height;
        this.quantTables = quantTables;
        this.scan = scan;
    }

    /** RTP/JPEG type: {@link RtpJpegFormat#TYPE_422} or {@link RtpJpegFormat#TYPE_420}. */
    public int type() {
        return type;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Luminance then chrominance table, 64 bytes each, in zig-zag order (not copied). */
    byte[] quantTables() {
        return quantTables;
    }

    /** The entropy-coded data of the scan, without its header or the EOI (not copied). */
    byte[] scan() {
        return scan;
    }

    /** Parses {@code jpeg}; throws, naming the broken rule, when RTP/JPEG cannot carry it as it is. */
    public static BaselineJpeg parse(byte[] jpeg) throws UnsupportedJpegException {
        return new Parser(jpeg).parse();
    }

    private static final class Parser {
        private final byte[] b;
        private int at;
        private final byte[][] tables = new byte[4][];
        private int[] componentIds;
        private int[] componentTables;
        private int type = -1;
        private int width;
        private int height;

        Parser(byte[] jpeg) {
            this.b = jpeg;
        }

        BaselineJpeg parse() throws UnsupportedJpegException {
            if (b.length < 4 || u8(0) != 0xFF || u8(1) != SOI) {
                throw new UnsupportedJpegException("not a JPEG (no SOI marker)");
            }
            at = 2;
            while (true) {
                int marker = nextMarker();
                if (marker == EOI) {
                    throw new UnsupportedJpegException("JPEG has no scan (EOI before SOS)");
                }
                if (at + 2 > b.length) {
                    throw new UnsupportedJpegException("JPEG ends inside segment " + hex(marker));
                }
                int length = u16(at);
                if (length < 2 || at + length > b.length) {
                    throw new UnsupportedJpegException("JPEG segment " + hex(marker) + " of length " + length
                            + " runs past the end of the file");
                }
                int body = at + 2;
                int end = at + length;
                switch (marker) {
                    case DQT -> readQuantTables(body, end);
                    case DHT -> checkHuffmanTables(body, end);
                    case SOF0 -> readFrame(body, end);
                    case DRI -> {
                        if (length >= 4 && u16(body) != 0) {
                            throw new UnsupportedJpegException("JPEG uses restart markers (interval " + u16(body) + ")");
                        }
                    }
                    case SOS -> {
                        checkScan(body, end);
                        return new BaselineJpeg(type, width, height, quantTablesInUse(), scanData(end));
                    }
                    default -> {
                        if (marker > SOF0 && marker <= LAST_SOF) { // SOF1..SOF15 and DAC: not baseline Huffman
                            throw new UnsupportedJpegException("JPEG is not baseline (frame marker " + hex(marker) + ")");
                        }
                    }
                }
                at = end;
            }
        }

        private int nextMarker() throws UnsupportedJpegException {
            if (at + 2 > b.length || u8(at) != 0xFF) {
                throw new UnsupportedJpegException("JPEG marker expected at byte " + at);
            }
            while (at < b.length && u8(at) == 0xFF) {
                at++;
            }
            if (at >= b.length) {
                throw new UnsupportedJpegException("JPEG ends inside a marker");
            }
            return u8(at++);
        }

        private void readQuantTables(int from, int end) throws UnsupportedJpegException {
            int p = from;
            while (p < end) {
                int precision = u8(p) >> 4;
                int id = u8(p) & 0x0F;
                if (precision != 0) {
                    throw new UnsupportedJpegException("JPEG has a 16-bit quantization table");
                }
                if (id > 3 || p + 1 + 64 > end) {
                    throw new UnsupportedJpegException("JPEG has a malformed quantization table");
                }
                tables[id] = Arrays.copyOfRange(b, p + 1, p + 1 + 64);
                p += 1 + 64;
            }
        }

        private void checkHuffmanTables(int from, int end) throws UnsupportedJpegException {
            int p = from;
            while (p < end) {
                if (p + 17 > end) {
                    throw new UnsupportedJpegException("JPEG has a malformed Huffman table");
                }
                int tableClass = u8(p) >> 4;
                int id = u8(p) & 0x0F;
                short[] lengths = new short[16];
                int count = 0;
                for (int i = 0; i < 16; i++) {
                    lengths[i] = (short) u8(p + 1 + i);
                    count += lengths[i];
                }
                if (p + 17 + count > end) {
                    throw new UnsupportedJpegException("JPEG has a malformed Huffman table");
                }
                short[] values = new short[count];
                for (int i = 0; i < count; i++) {
                    values[i] = (short) u8(p + 17 + i);
                }
                JPEGHuffmanTable standard = standardTable(tableClass, id);
                if (standard == null || !Arrays.equals(standard.getLengths(), lengths)
                        || !Arrays.equals(standard.getValues(), values)) {
                    throw new UnsupportedJpegException("JPEG has its own Huffman tables, not the standard ones");
                }
                p += 17 + count;
            }
        }

        private static JPEGHuffmanTable standardTable(int tableClass, int id) {
            if (tableClass == 0) {
                return id == 0 ? JPEGHuffmanTable.StdDCLuminance : id == 1 ? JPEGHuffmanTable.StdDCChrominance : null;
            }
            if (tableClass == 1) {
                return id == 0 ? JPEGHuffmanTable.StdACLuminance : id == 1 ? JPEGHuffmanTable.StdACChrominance : null;
            }
            return null;
        }

        private void readFrame(int from, int end) throws UnsupportedJpegException {
            if (end - from < 6) {
                throw new UnsupportedJpegException("JPEG has a malformed frame header");
            }
            int precision = u8(from);
            height = u16(from + 1);
            width = u16(from + 3);
            int components = u8(from + 5);
            if (precision != 8) {
                throw new UnsupportedJpegException("JPEG has " + precision + "-bit samples, not 8-bit");
            }
            if (components != 3) {
                throw new UnsupportedJpegException("JPEG has " + components + " colour component(s), not 3 (YCbCr)");
            }
            if (end - from < 6 + 3 * components) {
                throw new UnsupportedJpegException("JPEG has a malformed frame header");
            }
            if (width < 1 || height < 1 || width > RtpJpegFormat.MAX_SIDE || height > RtpJpegFormat.MAX_SIDE) {
                throw new UnsupportedJpegException("JPEG is " + width + "x" + height + ", beyond RTP/JPEG's "
                        + RtpJpegFormat.MAX_SIDE + "x" + RtpJpegFormat.MAX_SIDE);
            }
            componentIds = new int[3];
            componentTables = new int[3];
            int[] sampling = new int[3];
            for (int i = 0; i < 3; i++) {
                int c = from + 6 + 3 * i;
                componentIds[i] = u8(c);
                sampling[i] = u8(c + 1);
                componentTables[i] = u8(c + 2);
            }
            if (sampling[1] != 0x11 || sampling[2] != 0x11) {
                throw new UnsupportedJpegException("JPEG chroma is not sampled 1x1");
            }
            if (sampling[0] == 0x21) {
                type = RtpJpegFormat.TYPE_422;
            } else if (sampling[0] == 0x22) {
                type = RtpJpegFormat.TYPE_420;
            } else {
                throw new UnsupportedJpegException("JPEG luma sampling " + (sampling[0] >> 4) + "x" + (sampling[0] & 0xF)
                        + " is neither 4:2:2 nor 4:2:0");
            }
            if (componentTables[1] != componentTables[2] || componentTables[0] > 3 || componentTables[1] > 3) {
                throw new UnsupportedJpegException("JPEG's Cb and Cr use different quantization tables");
            }
        }

        private void checkScan(int from, int end) throws UnsupportedJpegException {
            if (type < 0) {
                throw new UnsupportedJpegException("JPEG is not baseline (no SOF0 before the scan)");
            }
            int count = u8(from);
            if (count != 3 || end - from < 1 + 2 * count + 3) {
                throw new UnsupportedJpegException("JPEG scan is not one interleaved scan of all 3 components");
            }
            for (int i = 0; i < 3; i++) {
                int id = u8(from + 1 + 2 * i);
                int selectors = u8(from + 2 + 2 * i);
                int wanted = i == 0 ? 0x00 : 0x11;
                if (id != componentIds[i] || selectors != wanted) {
                    throw new UnsupportedJpegException("JPEG scan does not use the standard Huffman table of each component");
                }
            }
            int p = from + 1 + 2 * count;
            if (u8(p) != 0 || u8(p + 1) != 63 || u8(p + 2) != 0) {
                throw new UnsupportedJpegException("JPEG scan is not baseline sequential");
            }
        }

        private byte[] quantTablesInUse() throws UnsupportedJpegException {
            byte[] luma = tables[componentTables[0]];
            byte[] chroma = tables[componentTables[1]];
            if (luma == null || chroma == null) {
                throw new UnsupportedJpegException("JPEG lacks a quantization table its frame uses");
            }
            byte[] out = new byte[RtpJpegFormat.QUANT_TABLES_LENGTH];
            System.arraycopy(luma, 0, out, 0, RtpJpegFormat.QUANT_TABLE_LENGTH);
            System.arraycopy(chroma, 0, out, RtpJpegFormat.QUANT_TABLE_LENGTH, RtpJpegFormat.QUANT_TABLE_LENGTH);
            return out;
        }

        /** Scan data from {@code from} up to the EOI (the last FF D9; anything after it is ignored). */
        private byte[] scanData(int from) throws UnsupportedJpegException {
            int end = b.length - 2;
            while (end >= from && !(u8(end) == 0xFF && u8(end + 1) == EOI)) {
                end--;
            }
            if (end < from) {
                throw new UnsupportedJpegException("JPEG has no EOI marker after its scan");
            }
            if (end - from > RtpJpegFormat.MAX_SCAN_LENGTH) {
                throw new UnsupportedJpegException("JPEG scan of " + (end - from) + " bytes > RTP/JPEG's 24-bit offsets");
            }
            return Arrays.copyOfRange(b, from, end);
        }

        private int u8(int i) {
            return b[i] & 0xFF;
        }

        private int u16(int i) {
            return (u8(i) << 8) | u8(i + 1);
        }

        private static String hex(int marker) {
            return String.format("FF%02X", marker);
        }
    }
}
