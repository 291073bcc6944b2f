package dev.netlab.common.frame;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * Writes {@link FrameFormat frames} to a blocking channel, looping over partial writes. Header
 * and payload leave in one gathering write where the channel allows it, so a small frame is one
 * system call and one TCP segment, not two.
 *
 * <p>{@link #writeHeader} lets a caller send the payload itself, for example with
 * {@code FileChannel.transferTo}, so file bytes need not pass through user space.
 *
 * <p>Not thread-safe: callers that share a connection between threads serialize on the writer.
 */
public final class FrameWriter {

    private final WritableByteChannel channel;
    private final ByteBuffer header = ByteBuffer.allocateDirect(FrameFormat.HEADER_LENGTH);
    private final ByteBuffer[] pair = new ByteBuffer[2];

    public FrameWriter(WritableByteChannel channel) {
        this.channel = channel;
    }

    public void write(int type, int flags, byte[] payload) throws IOException {
        write(type, flags, ByteBuffer.wrap(payload));
    }

    /** Writes one frame; the payload's remaining bytes are consumed. */
    public void write(int type, int flags, ByteBuffer payload) throws IOException {
        fillHeader(type, flags, payload.remaining());
        if (channel instanceof GatheringByteChannel gathering) {
            pair[0] = header;
            pair[1] = payload;
            try {
                while (header.hasRemaining() || payload.hasRemaining()) {
                    gathering.write(pair);
                }
            } finally {
                pair[1] = null;
            }
        } else {
            writeFully(header);
            writeFully(payload);
        }
    }

    /**
     * Writes only the header of a frame of {@code length} payload bytes; the caller must then
     * write exactly that many bytes to the same channel before the next frame.
     */
    public void writeHeader(int type, int flags, int length) throws IOException {
        fillHeader(type, flags, length);
        writeFully(header);
    }

    private void fillHeader(int type, int flags, int length) {
        if (type < 0 || type > 0xFF) {
            throw new IllegalArgumentException("frame type " + type + " outside 0..255");
        }
        if (flags < 0 || flags > 0xFFFF) {
            throw new IllegalArgumentException("frame flags " + flags + " outside 0..65535");
        }
        if (length > FrameFormat.MAX_PAYLOAD_LENGTH) {
            throw new IllegalArgumentException(
                    "frame length " + length + " > max " + FrameFormat.MAX_PAYLOAD_LENGTH);
        }
        header.clear();
        header.putShort(FrameFormat.MAGIC)
                .put(FrameFormat.VERSION)
                .put((byte) type)
                .putShort((short) flags)
                .putInt(length)
                .flip();
    }

    private void writeFully(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }
}
