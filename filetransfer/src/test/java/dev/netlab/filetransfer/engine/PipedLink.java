package dev.netlab.filetransfer.engine;

import dev.netlab.filetransfer.protocol.MessageReader;
import dev.netlab.filetransfer.protocol.MessageWriter;
import java.io.IOException;
import java.nio.channels.Pipe;

/** A connection in memory: one pipe from sender to receiver, one back. Closing closes all four ends. */
final class PipedLink implements AutoCloseable {

    private final Pipe toReceiver = Pipe.open();
    private final Pipe toSender = Pipe.open();

    PipedLink() throws IOException {
    }

    MessageWriter senderWriter() {
        return new MessageWriter(toReceiver.sink());
    }

    MessageReader receiverReader() {
        return new MessageReader(toReceiver.source(), MessageReader.sessionPayloadCap());
    }

    MessageWriter receiverWriter() {
        return new MessageWriter(toSender.sink());
    }

    MessageReader senderReader() {
        return new MessageReader(toSender.source(), MessageReader.sessionPayloadCap());
    }

    /** The sender is done: the receiver reads end of stream. */
    void senderDone() throws IOException {
        toReceiver.sink().close();
    }

    @Override
    public void close() throws IOException {
        toReceiver.sink().close();
        toReceiver.source().close();
        toSender.sink().close();
        toSender.source().close();
    }
}
