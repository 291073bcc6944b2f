package dev.netlab.filetransfer.transport;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * The byte channels of one connection as a {@link Transport} made them, and what closes them.
 * {@code closer} closes the whole connection (for TLS: the SSL socket and the TCP socket under it).
 */
public record PeerChannels(ReadableByteChannel in, WritableByteChannel out, Closeable closer)
        implements Closeable {

    @Override
    public void close() throws IOException {
        closer.close();
    }
}
