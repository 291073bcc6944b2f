package dev.netlab.filetransfer.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * A read channel that records progress in a {@link ConnectionActivity} and can flush pending
 * writes before each read, so a peer never waits for an answer that sits in a staging buffer
 * while this side waits for the peer. Not thread-safe.
 */
public final class MonitoredReadChannel implements ReadableByteChannel {

    /** Something that must be sent before this side may block on a read. */
    @FunctionalInterface
    public interface Flusher {
        void flush() throws IOException;
    }

    private final ReadableByteChannel in;
    private final ConnectionActivity activity;
    private volatile Flusher beforeRead;

    public MonitoredReadChannel(ReadableByteChannel in, ConnectionActivity activity) {
        this.in = in;
        this.activity = activity;
    }

    /** Only for a connection whose reads and writes happen on the same thread; null turns it off. */
    public void flushBeforeRead(Flusher flusher) {
        this.beforeRead = flusher;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        Flusher flusher = beforeRead;
        if (flusher != null) {
            flusher.flush();
        }
        int n = in.read(dst);
        if (n > 0) {
            activity.touch();
        }
        return n;
    }

    @Override
    public boolean isOpen() {
        return in.isOpen();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
