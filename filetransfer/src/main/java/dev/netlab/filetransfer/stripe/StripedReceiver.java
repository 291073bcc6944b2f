package dev.netlab.filetransfer.stripe;

import dev.netlab.common.frame.ProtocolViolationException;
import dev.netlab.filetransfer.engine.ReceiverEvents;
import dev.netlab.filetransfer.protocol.DigestAlgorithm;
import dev.netlab.filetransfer.protocol.ErrorCode;
import dev.netlab.filetransfer.protocol.FileStatus;
import dev.netlab.filetransfer.protocol.Message;
import dev.netlab.filetransfer.protocol.MessageWriter;
import dev.netlab.filetransfer.protocol.PlanDecision;
import dev.netlab.filetransfer.protocol.TransferProtocol;
import dev.netlab.filetransfer.store.OnExists;
import dev.netlab.filetransfer.store.PathPolicy;
import dev.netlab.filetransfer.store.ReceiveStore;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * One connection's share of files that arrive in stripes (see {@link SharedPart}): it answers
 * the stripe's OFFER with a PLAN, checks and stores the stripe's chunks (NACK on a bad CRC32C,
 * on this connection), and when its stripe is complete answers RESULT: the file's verdict if
 * this stripe completed the file, STORED otherwise. The server's {@link StripeAssembler}, made
 * by {@link StripedParts#assembler}; not thread-safe.
 */
final class StripedReceiver implements StripeAssembler {

    private static final class Slot {
        final SharedPart part;
        final Message.Offer offer;
        int ownMissing;
        boolean endSeen;
        int retries;

        Slot(SharedPart part, Message.Offer offer) {
            this.part = part;
            this.offer = offer;
        }
    }

    private final StripedParts parts;
    private final ReceiveStore store;
    private final MessageWriter out;
    private final ReceiverEvents events;
    private final Map<Integer, Slot> slots = new HashMap<>();
    private final CRC32C crc = new CRC32C();

    StripedReceiver(StripedParts parts, ReceiveStore store, MessageWriter out, ReceiverEvents events) {
        this.parts = parts;
        this.store = store;
        this.out = out;
        this.events = events;
    }

    @Override
    public boolean owns(int fileId) {
        return slots.containsKey(fileId);
    }

    @Override
    public boolean idle() {
        return slots.isEmpty();
    }

    @Override
    public Refusal onOffer(Message.Offer o, PathPolicy.WriteTarget target) throws IOException {
        if (target.existing() != null && (!target.existing().isRegularFile()
                || store.onExists() == OnExists.FAIL && target.existing().size() != o.size())) {
            return new Refusal(ErrorCode.EXISTS, o.path() + " exists with other content");
        }
        store.paths().createDirectories(target.path().getParent());
        SharedPart part = parts.join(target.path(), o);
        if (part == null) {
            return new Refusal(ErrorCode.BUSY, o.path() + " is being written by another transfer");
        }
        Slot slot = new Slot(part, o);
        Stripe stripe = Stripe.of(o);
        for (int i = stripe.index(); i < part.file().layout().chunkCount(); i += stripe.count()) {
            slot.ownMissing += part.has(i) ? 0 : 1;
        }
        slots.put(o.fileId(), slot);
        out.plan(o.fileId(), PlanDecision.SEND, part.heldRuns());
        return null;
    }

    @Override
    public void onChunk(Message.Chunk c) throws IOException {
        Slot slot = slots.get(c.fileId());
        Message.Offer o = slot.offer;
        int count = slot.part.file().layout().chunkCount();
        if (c.index() < 0 || c.index() >= count || !Stripe.of(o).carries(c.index())
                || c.data().remaining() != slot.part.file().layout().length(c.index())) {
            throw new ProtocolViolationException("CHUNK " + c.index() + " of file " + c.fileId() + " is not in stripe "
                    + o.stripeIndex() + " of " + o.stripeCount() + " or has the wrong length");
        }
        if (slot.part.has(c.index())) {
            return;
        }
        crc.reset();
        crc.update(c.data().duplicate());
        if ((int) crc.getValue() != c.crc()) {
            if (++slot.retries > TransferProtocol.MAX_CHUNK_RETRIES) {
                finish(c.fileId(), slot, new SharedPart.Verdict(FileStatus.FAILED, ErrorCode.CHUNK_RETRIES_EXHAUSTED,
                        "chunks of " + o.path() + " failed their CRC32C " + slot.retries + " times", null));
                return;
            }
            out.nack(c.fileId(), c.index());
            return;
        }
        slot.part.store(c.index(), c.data());
        slot.ownMissing--;
        events.chunkStored(c.data().remaining());
        finishIfReady(c.fileId(), slot);
    }

    @Override
    public void onEnd(Message.End e) throws IOException {
        Slot slot = slots.get(e.fileId());
        DigestAlgorithm algorithm = slot.offer.algorithm();
        if (Stripe.of(slot.offer).hashesWholeFile()) {
            if (e.digest() == null || e.digest().length != algorithm.length()) {
                throw new ProtocolViolationException("END of stripe 0 of file " + e.fileId() + " without a "
                        + algorithm.cliName() + " digest");
            }
            try {
                slot.part.digest(e.digest());
            } catch (IOException ex) {
                finish(e.fileId(), slot, new SharedPart.Verdict(FileStatus.FAILED, ErrorCode.IO_ERROR,
                        "cannot store " + slot.offer.path() + ": " + ex, null));
                return;
            }
        }
        slot.endSeen = true;
        finishIfReady(e.fileId(), slot);
    }

    private void finishIfReady(int fileId, Slot slot) throws IOException {
        if (!slot.endSeen || slot.ownMissing > 0) {
            return;
        }
        SharedPart.Verdict verdict;
        try {
            verdict = slot.part.finishIfComplete(store, events::stillWorking);
        } catch (IOException e) {
            verdict = new SharedPart.Verdict(FileStatus.FAILED, ErrorCode.IO_ERROR,
                    "cannot store " + slot.offer.path() + ": " + e, null);
        }
        finish(fileId, slot, verdict != null ? verdict
                : new SharedPart.Verdict(FileStatus.STORED, ErrorCode.NONE, "", null));
    }

    private void finish(int fileId, Slot slot, SharedPart.Verdict verdict) throws IOException {
        slots.remove(fileId);
        parts.leave(slot.part);
        // A stale stripe cannot be retried alone: a digest mismatch is FAILED here, never RESTART_FROM_ZERO.
        out.result(fileId, verdict.status(), verdict.code(), slot.part.file().resumedBytes(), verdict.digest(),
                verdict.storedAs(), verdict.text());
    }

    @Override
    public void close() {
        for (Slot slot : slots.values()) {
            parts.leave(slot.part);
        }
        slots.clear();
    }
}
