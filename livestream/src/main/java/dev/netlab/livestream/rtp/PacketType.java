package dev.netlab.livestream.rtp;

/** The type byte of a livestream datagram, holding its wire value. */
public enum PacketType {
    AUDIO(1, true),
    FRAME_FRAGMENT(2, true),
    FEC_REPAIR(3, true),
    SUBSCRIBE(16, false),
    HEARTBEAT(17, false),
    GOODBYE(18, false),
    RECEIVER_REPORT(19, true),
    NACK(20, true),
    SESSION_INFO(32, false),
    SERVER_GOODBYE(33, false),
    CHALLENGE(34, false),
    WELCOME(35, false);

    private static final PacketType[] BY_WIRE = new PacketType[256];

    static {
        for (PacketType t : values()) {
            BY_WIRE[t.wire] = t;
        }
    }

    private final int wire;
    private final boolean aboutAStream;

    PacketType(int wire, boolean aboutAStream) {
        this.wire = wire;
        this.aboutAStream = aboutAStream;
    }

    public int wire() {
        return wire;
    }

    /** True when the header's stream id names a media stream; false when it must be 0. */
    public boolean aboutAStream() {
        return aboutAStream;
    }

    /** The type with this wire value, or null. */
    public static PacketType fromWire(int value) {
        return value >= 0 && value < BY_WIRE.length ? BY_WIRE[value] : null;
    }
}
