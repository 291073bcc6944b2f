package dev.netlab.filetransfer.protocol;

import dev.netlab.filetransfer.transport.CoalescingWriteChannel;
import dev.netlab.filetransfer.transport.ConnectionActivity;
import dev.netlab.filetransfer.transport.MonitoredReadChannel;
import dev.netlab.filetransfer.transport.PeerChannels;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;

/**
 * One protocol connection: the transport's channels with activity tracking (for timeouts),
 * write coalescing, and the message reader and writer on top. Until {@link #enterSession()}
 * the reader accepts only control-sized frames, so an unauthenticated peer cannot make this
 * side allocate a chunk buffer.
 */
public final class PeerConnection implements Closeable {

    private final PeerChannels channels;
    private final String peer;
    private final ConnectionActivity activity;
    private final MonitoredReadChannel in;
    private final CoalescingWriteChannel out;
    private final MessageWriter writer;
    private MessageReader reader;

    public PeerConnection(PeerChannels channels, String peer, Duration timeout) {
        this.channels = channels;
        this.peer = peer;
        this.activity = new ConnectionActivity(timeout);
        this.in = new MonitoredReadChannel(channels.in(), activity);
        this.out = new CoalescingWriteChannel(channels.out(), activity);
        this.writer = new MessageWriter(out);
        this.reader = new MessageReader(in, TransferProtocol.MAX_CONTROL_PAYLOAD);
        flushBeforeRead(true);
    }

    /** Lifts the frame cap to one chunk, once the peer has passed the handshake. */
    public void enterSession() {
        reader = new MessageReader(in, MessageReader.sessionPayloadCap());
    }

    /**
     * With {@code on}, staged writes go out whenever the reader needs bytes: right for a
     * connection read and written by one thread. Turn it off while another thread reads.
     */
    public void flushBeforeRead(boolean on) {
        in.flushBeforeRead(on ? out::flush : null);
    }

    public MessageReader reader() {
        return reader;
    }

    public MessageWriter writer() {
        return writer;
    }

    public void flush() throws IOException {
        out.flush();
    }

    public ConnectionActivity activity() {
        return activity;
    }

    /** The remote address, for logs. */
    public String peer() {
        return peer;
    }

    @Override
    public void close() throws IOException {
        channels.close();
    }
}
