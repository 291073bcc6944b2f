package dev.netlab.filetransfer.stripe;

import dev.netlab.common.frame.ProtocolViolationException;
import dev.netlab.filetransfer.protocol.ErrorCode;
import dev.netlab.filetransfer.protocol.Message;
import dev.netlab.filetransfer.store.PathPolicy;
import java.io.IOException;

/**
 * The receiving side of striped offers on one connection: a {@code FileReceiver} hands it every
 * OFFER with a stripe count above 1, and the CHUNKs and ENDs of the files it {@link #owns}. The
 * server's is a {@link StripedReceiver} joined to the server's {@link StripedParts}; where
 * stripes are not served (a client's download) it is {@link #NOT_SERVED}. Not thread-safe: one
 * connection thread.
 */
public interface StripeAssembler {

    /** Owns no file and refuses a striped OFFER as a protocol violation. */
    StripeAssembler NOT_SERVED = new StripeAssembler() {
        @Override
        public boolean owns(int fileId) {
            return false;
        }

        @Override
        public boolean idle() {
            return true;
        }

        @Override
        public Refusal onOffer(Message.Offer o, PathPolicy.WriteTarget target) throws ProtocolViolationException {
            throw new ProtocolViolationException("striped OFFER of " + o.path() + " where stripes are not served");
        }

        @Override
        public void onChunk(Message.Chunk c) {
            throw new IllegalStateException("CHUNK of file " + c.fileId() + " that is not striped here");
        }

        @Override
        public void onEnd(Message.End e) {
            throw new IllegalStateException("END of file " + e.fileId() + " that is not striped here");
        }

        @Override
        public void close() {
        }
    };

    /** Why a stripe's offer is refused; it goes out as a FAILED RESULT. */
    record Refusal(ErrorCode code, String text) {
    }

    /** True for the files whose stripe this connection is receiving. */
    boolean owns(int fileId);

    /** True when no stripe is in progress. */
    boolean idle();

    /** @return the refusal when the offer must be refused, null when it was accepted (and a PLAN sent) */
    Refusal onOffer(Message.Offer o, PathPolicy.WriteTarget target) throws IOException;

    void onChunk(Message.Chunk c) throws IOException;

    void onEnd(Message.End e) throws IOException;

    /** The connection ended: its stripes stop; part files and ledgers stay for a resume. */
    void close();
}
