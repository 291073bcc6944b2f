package dev.netlab.filetransfer.protocol;

import dev.netlab.common.frame.ProtocolViolationException;

/** The message a frame carries; its wire value is the frame's type byte. */
public enum MessageType {
    HELLO(0x01),
    WELCOME(0x02),
    AUTH(0x03),
    AUTH_OK(0x04),
    ERROR(0x05),
    OFFER(0x10),
    PLAN(0x11),
    CHUNK(0x12),
    END(0x13),
    NACK(0x14),
    RESULT(0x15),
    DONE(0x16),
    LIST(0x20),
    LISTING(0x21),
    GET(0x22);

    private static final MessageType[] BY_WIRE = new MessageType[256];

    static {
        for (MessageType type : values()) {
            BY_WIRE[type.wire] = type;
        }
    }

    private final int wire;

    MessageType(int wire) {
        this.wire = wire;
    }

    public int wire() {
        return wire;
    }

    public static MessageType fromWire(int wire) throws ProtocolViolationException {
        MessageType type = wire >= 0 && wire < BY_WIRE.length ? BY_WIRE[wire] : null;
        if (type == null) {
            throw new ProtocolViolationException(String.format("unknown message type 0x%02x", wire));
        }
        return type;
    }
}
