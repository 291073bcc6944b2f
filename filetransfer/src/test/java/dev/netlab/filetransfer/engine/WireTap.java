package dev.netlab.filetransfer.engine;

import dev.netlab.common.testing.ChunkedChannel;
import dev.netlab.filetransfer.protocol.DigestAlgorithm;
import dev.netlab.filetransfer.protocol.Message;
import dev.netlab.filetransfer.protocol.MessageReader;
import dev.netlab.filetransfer.protocol.MessageWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One direction of a connection, in memory: a {@link MessageWriter} whose frames the test reads
 * back, decoded and written out as short lines ({@code PLAN 0 SEND held=[0+2]}) so a test
 * asserts the whole conversation in one statement.
 */
public final class WireTap implements WritableByteChannel {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final MessageWriter writer = new MessageWriter(this);

    public MessageWriter writer() {
        return writer;
    }

    @Override
    public int write(ByteBuffer src) {
        int n = src.remaining();
        byte[] copy = new byte[n];
        src.get(copy);
        bytes.write(copy, 0, n);
        return n;
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public void close() {
    }

    /** The messages written since the last call, each as {@link #describe} puts it. */
    public List<String> take() throws IOException {
        byte[] written = bytes.toByteArray();
        bytes.reset();
        MessageReader reader = new MessageReader(new ChunkedChannel(written, List.of()), MessageReader.sessionPayloadCap());
        List<String> lines = new ArrayList<>();
        for (Message m = reader.next(); m != null; m = reader.next()) {
            lines.add(describe(m));
        }
        return lines;
    }

    public static String describe(Message m) {
        if (m instanceof Message.Plan p) {
            return "PLAN " + p.fileId() + " " + p.decision() + " held=" + p.held().stream()
                    .map(r -> r.first() + "+" + r.count()).collect(Collectors.joining(",", "[", "]"));
        }
        if (m instanceof Message.Nack n) {
            return "NACK " + n.fileId() + " #" + n.index();
        }
        if (m instanceof Message.Result r) {
            return "RESULT " + r.fileId() + " " + r.status() + " " + r.code() + " resumed=" + r.resumedBytes()
                    + " digest=" + (r.digest() == null ? "-" : DigestAlgorithm.hex(r.digest()))
                    + " stored-as='" + r.storedAs() + "' '" + r.text() + "'";
        }
        if (m instanceof Message.Offer o) {
            return "OFFER " + o.fileId() + " " + o.path() + " " + o.size() + (o.eager() ? " eager" : "")
                    + (o.directory() ? " dir" : "") + (o.stripeCount() > 1 ? " stripe " + o.stripeIndex() + "/" + o.stripeCount() : "");
        }
        if (m instanceof Message.Chunk c) {
            return "CHUNK " + c.fileId() + " #" + c.index() + " " + c.data().remaining();
        }
        if (m instanceof Message.End e) {
            return "END " + e.fileId() + " " + (e.digest() == null ? "-" : DigestAlgorithm.hex(e.digest()));
        }
        return m.toString();
    }
}
