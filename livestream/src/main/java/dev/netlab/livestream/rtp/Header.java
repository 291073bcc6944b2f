package dev.netlab.livestream.rtp;

/**
 * The common header of every livestream datagram (see {@link PacketFormat}). {@code stream}
 * is null for control messages that are not about a stream; {@code sequence} is 0..65535 and
 * {@code timestamp} 0..2^32-1.
 */
public record Header(PacketType type, int flags, StreamId stream, int sequence, long timestamp, int sessionId) {

    public Header {
        if (sequence < 0 || sequence > 0xFFFF) {
            throw new IllegalArgumentException("sequence " + sequence + " not in 0..65535");
        }
        if (timestamp < 0 || timestamp > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("timestamp " + timestamp + " not in 0..2^32-1");
        }
        if (type.aboutAStream() != (stream != null)) {
            throw new IllegalArgumentException(type + " with stream " + stream);
        }
    }

    /** A header for a control message that is not about a stream. */
    public static Header control(PacketType type, int sessionId) {
        return new Header(type, 0, null, 0, 0, sessionId);
    }

    /** The last audio packet of a live source. */
    public boolean isEndOfStream() {
        return (flags & PacketFormat.FLAG_END_OF_STREAM) != 0;
    }

    public boolean isRetransmission() {
        return (flags & PacketFormat.FLAG_RETRANSMISSION) != 0;
    }
}
