package dev.netlab.filetransfer.stripe;

import dev.netlab.filetransfer.engine.IncomingFile;
import dev.netlab.filetransfer.engine.ReceiverEvents;
import dev.netlab.filetransfer.protocol.Message;
import dev.netlab.filetransfer.protocol.MessageWriter;
import dev.netlab.filetransfer.store.ReceiveStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The files currently arriving in stripes, by destination, shared by every connection of one
 * server so that the stripes of a file find each other; each connection receives its stripes
 * through its own {@link #assembler}. Thread-safe.
 */
public final class StripedParts {

    private final ReceiveStore store;
    private final Map<Path, SharedPart> parts = new HashMap<>();

    public StripedParts(ReceiveStore store) {
        this.store = store;
    }

    /** The stripe receiver of one connection, which writes its PLANs, NACKs and RESULTs to {@code out}. */
    public StripeAssembler assembler(MessageWriter out, ReceiverEvents events) {
        return new StripedReceiver(this, store, out, events);
    }

    /**
     * Joins the stripe's connection to the shared part of its destination, creating (and
     * claiming) it for the first stripe.
     *
     * @return the part, or null when the destination is busy with something else
     */
    synchronized SharedPart join(Path destination, Message.Offer offer) throws IOException {
        SharedPart part = parts.get(destination);
        if (part == null) {
            if (!store.claim(destination)) {
                return null;
            }
            IncomingFile file = new IncomingFile(offer, destination);
            try {
                file.open();
            } catch (IOException | RuntimeException e) {
                store.release(destination);
                throw e;
            }
            part = new SharedPart(file);
            parts.put(destination, part);
        }
        return part.join(offer) ? part : null;
    }

    /** A connection is done with the part (its stripe finished, or it closed). */
    synchronized void leave(SharedPart part) {
        if (part.leave()) {
            parts.remove(part.file().destination());
            store.release(part.file().destination());
        }
    }
}
