package dev.netlab.livestream.rtp;

/** The media streams of a session, each with its own sequence space; holds the wire value. */
public enum StreamId {
    AUDIO(0),
    FRAMES(1);

    private final int wire;

    StreamId(int wire) {
        this.wire = wire;
    }

    public int wire() {
        return wire;
    }

    /** The stream with this wire value, or null. */
    public static StreamId fromWire(int value) {
        for (StreamId s : values()) {
            if (s.wire == value) {
                return s;
            }
        }
        return null;
    }
}
