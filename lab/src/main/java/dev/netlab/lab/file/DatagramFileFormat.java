package dev.netlab.lab.file;

/**
 * One datagram of the bare UDP file send: a sequence number, then the next piece of the file.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  sequence number (big-endian)                 |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                 file bytes (1 .. 1400 bytes) ...              |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * The receiver uses the sequence number only to count datagrams that came out of order: like
 * the textbook receiver, it writes what arrives in the order it arrives, and nothing asks for
 * what is missing.
 */
public final class DatagramFileFormat {

    public static final int SEQUENCE_OFFSET = 0;
    public static final int SEQUENCE_SIZE = Integer.BYTES;
    public static final int HEADER_LENGTH = SEQUENCE_OFFSET + SEQUENCE_SIZE;

    /**
     * File bytes per datagram: with the header, 8 bytes of UDP and 20 of IPv4 it fits a
     * 1500-byte Ethernet frame, so no datagram is split into IP fragments.
     */
    public static final int MAX_PAYLOAD = 1400;
    public static final int MAX_DATAGRAM = HEADER_LENGTH + MAX_PAYLOAD;

    private DatagramFileFormat() {
    }
}
