package dev.netlab.jmh;

import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A channel over one reusable heap buffer: frames are written into it, then read back out, so the
 * frame codec is measured without sockets or allocation per operation. Not thread-safe.
 */
final class MemoryChannel implements ReadableByteChannel, WritableByteChannel {

    private final ByteBuffer buffer;

    MemoryChannel(int capacity) {
        this.buffer = ByteBuffer.allocate(capacity);
    }

    /** Forgets everything written, ready to write again. */
    void rewindForWriting() {
        buffer.clear();
    }

    /** Turns what was written into what will be read. */
    void flipForReading() {
        buffer.flip();
    }

    @Override
    public int write(ByteBuffer source) {
        int n = source.remaining();
        buffer.put(source);
        return n;
    }

    @Override
    public int read(ByteBuffer target) {
        if (!buffer.hasRemaining()) {
            return -1;
        }
        int n = Math.min(target.remaining(), buffer.remaining());
        ByteBuffer slice = buffer.slice();
        slice.limit(n);
        target.put(slice);
        buffer.position(buffer.position() + n);
        return n;
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public void close() {
    }
}
