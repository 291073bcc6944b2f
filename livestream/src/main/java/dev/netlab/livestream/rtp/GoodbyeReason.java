package dev.netlab.livestream.rtp;

/** Why the server said goodbye to a subscriber; holds the wire value. */
public enum GoodbyeReason {
    /** The media ended (broadcast without --loop). */
    END_OF_MEDIA(0),
    /** The server is shutting down. */
    SHUTDOWN(1),
    /** The server already has --max-subscribers subscribers. */
    SERVER_FULL(2),
    /** No heartbeat arrived within the subscriber timeout. */
    TIMED_OUT(3),
    /** The subscribe was of another packet format version (sent in the server's own version). */
    VERSION_MISMATCH(4);

    private final int wire;

    GoodbyeReason(int wire) {
        this.wire = wire;
    }

    public int wire() {
        return wire;
    }

    public static GoodbyeReason fromWire(int value) {
        for (GoodbyeReason r : values()) {
            if (r.wire == value) {
                return r;
            }
        }
        return null;
    }
}
