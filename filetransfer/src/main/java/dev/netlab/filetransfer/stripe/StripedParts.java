package dev.netlab.filetransfer.stripe;

import dev.netlab.filetransfer.engine.IncomingFile;
import dev.netlab.filetransfer.engine.ReceiverEvents;
import dev.netlab.filetransfer.protocol.Message;
import dev.netlab.filetransfer.protocol.MessageWriter;
import dev.netlab.filetransfer.store.ReceiveStore;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The files currently arriving in stripes, by destination, shared by every connection of one
 * server so that the stripes of a file find each other; each connection receives its stripes
 * through its own {@link #assembler}. Thread-safe.
 */
public final class StripedParts {

    private final ReceiveStore store;
    /**
     * How long a stripe waits for the connections of an earlier attempt at its file to let go:
     * as for {@link ReceiveStore#CLAIM_WAIT}, a client that reconnects right after a cut often
     * arrives before the server noticed the old connections died, and should resume, not be
     * told "busy".
     */
    private final Duration joinWait;
    /** Guarded by this object's lock. */
    private final Map<Path, SharedPart> parts = new HashMap<>();

    public StripedParts(ReceiveStore store) {
        this(store, ReceiveStore.CLAIM_WAIT);
    }

    StripedParts(ReceiveStore store, Duration joinWait) {
        this.store = store;
        this.joinWait = joinWait;
    }

    /** The stripe receiver of one connection, which writes its PLANs, NACKs and RESULTs to {@code out}. */
    public StripeAssembler assembler(MessageWriter out, ReceiverEvents events) {
        return new StripedReceiver(this, store, out, events);
    }

    /**
     * Joins the stripe's connection to the shared part of its destination, creating (and
     * claiming) it for the first stripe. While the part is held by other connections that took
     * this stripe already or describe another source, waits up to the join wait for them to
     * leave.
     *
     * @return the part, or null when the destination stayed busy with something else
     */
    synchronized SharedPart join(Path destination, Message.Offer offer) throws IOException {
        long deadline = System.nanoTime() + joinWait.toNanos();
        while (true) {
            SharedPart part = parts.get(destination);
            if (part == null) {
                return create(destination, offer);
            }
            if (part.join(offer)) {
                return part;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            try {
                wait(TimeUnit.NANOSECONDS.toMillis(left) + 1); // leave() notifies
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for " + destination);
            }
        }
    }

    private SharedPart create(Path destination, Message.Offer offer) throws IOException {
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
        SharedPart part = new SharedPart(file);
        part.join(offer); // a fresh part takes any stripe of the source it was made for
        parts.put(destination, part);
        return part;
    }

    /** A connection is done with the part (its stripe finished, or it closed). */
    synchronized void leave(SharedPart part) {
        if (part.leave()) {
            parts.remove(part.file().destination());
            store.release(part.file().destination());
            notifyAll();
        }
    }
}
