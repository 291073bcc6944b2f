package dev.netlab.livestream.receiver;

/** How a media packet reached the receiver. */
public enum PacketSource {
    /** Its first transmission arrived. */
    ORIGINAL,
    /** A retransmission answering a NACK arrived. */
    RETRANSMISSION,
    /** It was rebuilt from FEC repair packets. */
    FEC
}
