package dev.netlab.common.testing;

import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.List;

/**
 * A channel that hands out its bytes in the given read sizes, cycling through them, as a TCP
 * stream may: for decoders that must not care where reads end.
 */
public final class ChunkedChannel implements ReadableByteChannel {

    private final ByteBuffer source;
    private final List<Integer> readSizes;
    private int next;

    public ChunkedChannel(byte[] bytes, List<Integer> readSizes) {
        this.source = ByteBuffer.wrap(bytes);
        this.readSizes = readSizes;
    }

    @Override
    public int read(ByteBuffer dst) {
        if (!source.hasRemaining()) {
            return -1;
        }
        int size = readSizes.isEmpty() ? source.remaining() : readSizes.get(next++ % readSizes.size());
        int n = Math.min(Math.min(Math.max(size, 1), source.remaining()), dst.remaining());
        ByteBuffer slice = source.slice(source.position(), n);
        dst.put(slice);
        source.position(source.position() + n);
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
