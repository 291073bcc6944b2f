package dev.netlab.livestream.media;

/**
 * The JPEG (ITU T.81) marker codes livestream reads: each follows an {@code FF} byte. Segments
 * after SOI carry a 16-bit big-endian length that counts itself; SOI, EOI, TEM and RST0-7 stand
 * alone; in entropy-coded data {@code FF 00} is a stuffed data byte, not a marker.
 */
public final class JpegMarkers {

    public static final int SOF0 = 0xC0;
    public static final int DHT = 0xC4;
    /** SOF1..SOF15 (and DHT, DAC) lie in C1..CF: every frame type but baseline. */
    public static final int LAST_SOF = 0xCF;
    public static final int RST0 = 0xD0;
    public static final int RST7 = 0xD7;
    public static final int SOI = 0xD8;
    public static final int EOI = 0xD9;
    public static final int SOS = 0xDA;
    public static final int DQT = 0xDB;
    public static final int DRI = 0xDD;
    public static final int TEM = 0x01;

    private JpegMarkers() {
    }
}
