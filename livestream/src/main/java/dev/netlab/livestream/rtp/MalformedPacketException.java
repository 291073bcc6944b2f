package dev.netlab.livestream.rtp;

/**
 * A datagram that breaks the livestream packet format. The message states the broken rule
 * with values, e.g. {@code payload length 900 != datagram length 40 - header 16}. Receive loops
 * count it and drop the datagram; it never ends a stream.
 */
public class MalformedPacketException extends Exception {

    public MalformedPacketException(String message) {
        super(message);
    }
}
