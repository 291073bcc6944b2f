package dev.netlab.common.frame;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * Reads {@link FrameFormat frames} from a blocking channel, handling partial reads. Every length
 * is checked against the reader's cap before a byte is allocated for it; the receive buffer then
 * grows only as far as the largest frame actually seen, so an idle or small-frame connection
 * costs {@link #INITIAL_BUFFER_SIZE}, not the cap.
 *
 * <p>End of stream exactly at a frame boundary is a normal close ({@link #next()} returns
 * {@code null}); inside a frame it is a {@link TruncatedFrameException}. After any
 * {@link FrameException} the stream is out of step and the caller must close the connection.
 *
 * <p>Not thread-safe: one reader per connection, used by one thread.
 */
public final class FrameReader {

    /** Enough for a burst of small control frames in one read system call. */
    public static final int INITIAL_BUFFER_SIZE = 64 * 1024;

    private final ReadableByteChannel channel;
    private final int maxPayloadLength;
    /** Unread bytes are those between position and limit. */
    private ByteBuffer buffer;

    public FrameReader(ReadableByteChannel channel, int maxPayloadLength) {
        if (maxPayloadLength < 0 || maxPayloadLength > FrameFormat.MAX_PAYLOAD_LENGTH) {
            throw new IllegalArgumentException("max payload length " + maxPayloadLength
                    + " outside 0.." + FrameFormat.MAX_PAYLOAD_LENGTH);
        }
        this.channel = channel;
        this.maxPayloadLength = maxPayloadLength;
        this.buffer = ByteBuffer.allocateDirect(INITIAL_BUFFER_SIZE).flip();
    }

    /**
     * Blocks until the next whole frame has arrived.
     *
     * @return the frame, whose payload view is valid until the next call; or {@code null} when
     *     the peer closed the stream cleanly between frames
     */
    public Frame next() throws IOException {
        if (!fill(FrameFormat.HEADER_LENGTH, true)) {
            return null;
        }
        int start = buffer.position();
        short magic = buffer.getShort(start + FrameFormat.MAGIC_OFFSET);
        if (magic != FrameFormat.MAGIC) {
            throw new CorruptFrameException(String.format(
                    "bad frame magic 0x%04x, expected 0x%04x (peer is not speaking netlab frames)",
                    magic & 0xFFFF, FrameFormat.MAGIC));
        }
        int version = buffer.get(start + FrameFormat.VERSION_OFFSET) & 0xFF;
        if (version != FrameFormat.VERSION) {
            throw new CorruptFrameException(
                    "unsupported frame version " + version + ", expected " + FrameFormat.VERSION);
        }
        int type = buffer.get(start + FrameFormat.TYPE_OFFSET) & 0xFF;
        int flags = buffer.getShort(start + FrameFormat.FLAGS_OFFSET) & 0xFFFF;
        long length = Integer.toUnsignedLong(buffer.getInt(start + FrameFormat.LENGTH_OFFSET));
        if (length > maxPayloadLength) {
            throw new FrameTooLongException(length, maxPayloadLength);
        }
        int frameLength = FrameFormat.HEADER_LENGTH + (int) length;
        fill(frameLength, false);
        start = buffer.position(); // filling may have moved the unread bytes to the front
        ByteBuffer payload = buffer.slice(start + FrameFormat.HEADER_LENGTH, (int) length)
                .asReadOnlyBuffer();
        buffer.position(start + frameLength);
        return new Frame(type, flags, payload);
    }

    /**
     * Ensures {@code needed} unread bytes are buffered.
     *
     * @return false only when the stream ended with no unread byte and {@code endAllowed}
     */
    private boolean fill(int needed, boolean endAllowed) throws IOException {
        if (buffer.remaining() >= needed) {
            return true;
        }
        makeRoom(needed);
        buffer.compact();
        try {
            while (buffer.position() < needed) {
                if (channel.read(buffer) < 0) {
                    if (endAllowed && buffer.position() == 0) {
                        return false;
                    }
                    throw new TruncatedFrameException(buffer.position(), needed);
                }
            }
        } finally {
            buffer.flip();
        }
        return true;
    }

    private void makeRoom(int needed) {
        if (buffer.capacity() >= needed) {
            return;
        }
        int capacity = buffer.capacity();
        while (capacity < needed) {
            capacity *= 2;
        }
        capacity = Math.min(capacity, FrameFormat.HEADER_LENGTH + maxPayloadLength);
        ByteBuffer larger = ByteBuffer.allocateDirect(Math.max(capacity, needed));
        larger.put(buffer).flip();
        buffer = larger;
    }
}
