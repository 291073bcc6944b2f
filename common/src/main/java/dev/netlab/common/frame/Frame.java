package dev.netlab.common.frame;

import java.nio.ByteBuffer;

/**
 * One frame as read off a stream: its type, flags and payload. The payload is a read-only view
 * that stays valid only until the next read on the {@link FrameReader} that produced it; copy
 * it to keep it.
 */
public record Frame(int type, int flags, ByteBuffer payload) {

    /** The payload as a new array, for frames small enough that a copy costs nothing. */
    public byte[] payloadBytes() {
        byte[] bytes = new byte[payload.remaining()];
        payload.duplicate().get(bytes);
        return bytes;
    }
}
