package dev.netlab.lab.media;

/**
 * The plain TCP media stream: one packet after another on one connection, each one 5 ms of PCM.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                        sequence number                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                                                               |
 * +            send time (wall clock, ns since the epoch)         +
 * |                                                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |        payload length         |    PCM payload ...            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * All fields big-endian. The send time is when the packet was due, so the receiver's arrival
 * time minus it is the packet's delivery latency (both ends share the machine's clock).
 */
public final class TcpMediaFormat {

    public static final int SEQUENCE_OFFSET = 0;
    public static final int SEQUENCE_SIZE = Integer.BYTES;
    public static final int SEND_TIME_OFFSET = SEQUENCE_OFFSET + SEQUENCE_SIZE;
    public static final int SEND_TIME_SIZE = Long.BYTES;
    public static final int LENGTH_OFFSET = SEND_TIME_OFFSET + SEND_TIME_SIZE;
    public static final int LENGTH_SIZE = Short.BYTES;
    public static final int HEADER_LENGTH = LENGTH_OFFSET + LENGTH_SIZE;

    /** Largest payload read: 5 ms of 384 kHz stereo is 7680 bytes; more is a broken stream. */
    public static final int MAX_PAYLOAD = 8192;

    /** Longest clip accepted, in packets: an hour of 5 ms packets. */
    public static final int MAX_PACKETS = 720_000;

    private TcpMediaFormat() {
    }
}
