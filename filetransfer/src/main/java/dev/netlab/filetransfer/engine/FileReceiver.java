package dev.netlab.filetransfer.engine;

import dev.netlab.filetransfer.store.OnExists;
import dev.netlab.common.frame.ProtocolViolationException;
import dev.netlab.filetransfer.protocol.ChunkLayout;
import dev.netlab.filetransfer.protocol.DigestAlgorithm;
import dev.netlab.filetransfer.protocol.ErrorCode;
import dev.netlab.filetransfer.protocol.FileStatus;
import dev.netlab.filetransfer.protocol.Message;
import dev.netlab.filetransfer.protocol.MessageWriter;
import dev.netlab.filetransfer.protocol.PlanDecision;
import dev.netlab.filetransfer.protocol.TransferProtocol;
import dev.netlab.filetransfer.store.FileHashing;
import dev.netlab.filetransfer.store.InsufficientSpaceException;
import dev.netlab.filetransfer.store.PathPolicy;
import dev.netlab.filetransfer.store.PathRefusedException;
import dev.netlab.filetransfer.store.ReceiveStore;
import dev.netlab.filetransfer.stripe.Stripe;
import dev.netlab.filetransfer.stripe.StripeAssembler;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiving side of the protocol for one connection: answers OFFER with PLAN (or at once
 * with RESULT), checks each CHUNK's CRC32C (NACK on mismatch, bounded), writes it to the part
 * file, and on END verifies the whole-file digest before publishing the file under its final
 * name. A problem with one file fails that file with a RESULT; a peer breaking the protocol
 * gets a {@link ProtocolViolationException}, which ends the connection. Offers of a file striped
 * over several connections, and their chunks and ends, go to its {@link StripeAssembler}. Used by
 * the server for uploads and by the client for downloads. Not thread-safe: one connection thread.
 */
public final class FileReceiver implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(FileReceiver.class);

    /** Per-connection limits on what a peer may store. */
    public record Limits(long maxFileSize, int maxFiles) {
        public static final Limits NONE = new Limits(Long.MAX_VALUE, Integer.MAX_VALUE);
    }

    private final ReceiveStore store;
    private final MessageWriter out;
    private final Limits limits;
    private final ReceiverEvents events;
    private final Map<Integer, IncomingFile> active = new HashMap<>();
    private final StripeAssembler striped;
    private long highestFileId = -1;
    private int offers;

    /**
     * @param stripes receives this connection's striped offers: the server's
     *     {@link dev.netlab.filetransfer.stripe.StripedParts#assembler}, or
     *     {@link StripeAssembler#NOT_SERVED} where striped offers are not served
     */
    public FileReceiver(ReceiveStore store, MessageWriter out, Limits limits, ReceiverEvents events,
                        StripeAssembler stripes) {
        this.store = store;
        this.out = out;
        this.limits = limits;
        this.events = events;
        this.striped = Objects.requireNonNull(stripes, "stripes");
    }

    /** True when no file is in progress. */
    public boolean idle() {
        return active.isEmpty() && striped.idle();
    }

    public void onOffer(Message.Offer o) throws IOException {
        if (Integer.toUnsignedLong(o.fileId()) <= highestFileId) {
            throw new ProtocolViolationException("OFFER file id " + Integer.toUnsignedString(o.fileId())
                    + " not above previous " + highestFileId);
        }
        if (active.size() >= TransferProtocol.MAX_FILES_IN_FLIGHT) {
            throw new ProtocolViolationException("more than " + TransferProtocol.MAX_FILES_IN_FLIGHT
                    + " files in flight");
        }
        highestFileId = Integer.toUnsignedLong(o.fileId());
        checkShape(o);
        try {
            accept(o);
        } catch (PathRefusedException e) {
            fail(o, ErrorCode.PATH_REFUSED, e.getMessage());
        } catch (InsufficientSpaceException e) {
            fail(o, ErrorCode.NO_SPACE, e.getMessage());
        } catch (ProtocolViolationException e) {
            throw e; // the peer's fault, not the store's: it ends the connection
        } catch (IOException e) {
            fail(o, ErrorCode.IO_ERROR, "cannot store " + o.path() + ": " + plain(e));
        }
    }

    private static void checkShape(Message.Offer o) throws ProtocolViolationException {
        if (o.size() < 0 || o.chunkSize() < TransferProtocol.MIN_CHUNK_SIZE
                || o.chunkSize() > TransferProtocol.MAX_CHUNK_SIZE) {
            throw new ProtocolViolationException("OFFER of " + o.path() + " with size " + o.size()
                    + " and chunk size " + o.chunkSize() + " (allowed " + TransferProtocol.MIN_CHUNK_SIZE
                    + ".." + TransferProtocol.MAX_CHUNK_SIZE + ")");
        }
        if (new ChunkLayout(o.size(), o.chunkSize()).chunkCountLong() > TransferProtocol.MAX_CHUNKS_PER_FILE) {
            throw new ProtocolViolationException("OFFER of " + o.size() + " bytes in chunks of " + o.chunkSize()
                    + " exceeds " + TransferProtocol.MAX_CHUNKS_PER_FILE + " chunks");
        }
        if (o.eager() && o.size() > o.chunkSize()) {
            throw new ProtocolViolationException("eager OFFER of " + o.size() + " bytes > one chunk of " + o.chunkSize());
        }
        Stripe.checkOffer(o);
    }

    private void accept(Message.Offer o) throws IOException {
        if (++offers > limits.maxFiles()) {
            fail(o, ErrorCode.TOO_MANY_FILES, "more than " + limits.maxFiles() + " files in one session");
            return;
        }
        if (o.size() > limits.maxFileSize()) {
            fail(o, ErrorCode.FILE_TOO_LARGE, o.path() + " is " + o.size() + " bytes > max file size "
                    + limits.maxFileSize());
            return;
        }
        PathPolicy.WriteTarget target = store.paths().resolveForWrite(o.path());
        Path destination = target.path();
        if (o.directory()) {
            acceptDirectory(o, destination);
            return;
        }
        if (o.stripeCount() > 1) {
            store.checkFreeSpace(o.size());
            StripeAssembler.Refusal refusal = striped.onOffer(o, target);
            if (refusal != null) {
                fail(o, refusal.code(), refusal.text());
            }
            return;
        }
        if (!store.claim(destination)) {
            fail(o, ErrorCode.BUSY, o.path() + " is being written by another transfer");
            return;
        }
        IncomingFile file = new IncomingFile(o, destination);
        try {
            file.promise(store.reserve(o.size()));
            store.paths().createDirectories(destination.getParent());
            active.put(o.fileId(), file);
            if (target.existing() == null || !checkExisting(file, target.existing())) {
                start(file);
            }
        } catch (IOException | RuntimeException e) {
            active.remove(o.fileId());
            file.closeQuietly();
            store.release(destination);
            throw e;
        }
    }

    private void acceptDirectory(Message.Offer o, Path destination) throws IOException {
        if (Files.exists(destination, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(destination, LinkOption.NOFOLLOW_LINKS)) {
            fail(o, ErrorCode.EXISTS, o.path() + " exists and is not a directory");
            return;
        }
        store.paths().createDirectories(destination);
        out.result(o.fileId(), FileStatus.VERIFIED, ErrorCode.NONE, 0, null, "", "");
        events.fileFinished(outcome(o, FileStatus.VERIFIED, ErrorCode.NONE, "", null, 0, 0, null));
    }

    /** @return true when the existing file settled the matter (skipped, failed, or asked for the digest first) */
    private boolean checkExisting(IncomingFile file, BasicFileAttributes existing) throws IOException {
        Message.Offer o = file.offer();
        if (!existing.isRegularFile()) {
            finish(file, FileStatus.FAILED, ErrorCode.EXISTS, o.path() + " exists and is not a regular file", null);
            return true;
        }
        if (existing.size() == o.size()) {
            if (o.eager()) {
                return checkIdentical(file, o.digest());
            }
            file.awaitDigestFirst(true);
            out.plan(o.fileId(), PlanDecision.DIGEST_FIRST, List.of());
            return true;
        }
        if (store.onExists() == OnExists.FAIL) {
            finish(file, FileStatus.FAILED, ErrorCode.EXISTS, o.path() + " exists with other content and --on-exists is fail", null);
            return true;
        }
        return false;
    }

    /** @return true when the file was settled: skipped as identical, or failed because it differs and may not be replaced */
    private boolean checkIdentical(IncomingFile file, byte[] digest) throws IOException {
        if (Arrays.equals(FileHashing.digest(file.destination(), file.offer().algorithm(), events::stillWorking), digest)) {
            finish(file, FileStatus.SKIPPED, ErrorCode.NONE, "identical file already present", digest);
            return true;
        }
        if (store.onExists() == OnExists.FAIL) {
            finish(file, FileStatus.FAILED, ErrorCode.EXISTS, file.offer().path() + " exists with other content and --on-exists is fail", null);
            return true;
        }
        return false;
    }

    private void start(IncomingFile file) throws IOException {
        Message.Offer o = file.offer();
        if (o.eager()) {
            file.expectDigest(o.digest());
            completeIfReady(file);
            return;
        }
        file.open();
        file.space().used(file.resumedBytes());
        out.plan(o.fileId(), PlanDecision.SEND, file.heldRuns());
        completeIfReady(file);
    }

    public void onChunk(Message.Chunk c) throws IOException {
        if (striped.owns(c.fileId())) {
            striped.onChunk(c);
            return;
        }
        IncomingFile file = activeFile(c.fileId(), "CHUNK");
        if (file == null) {
            return;
        }
        if (file.awaitingDigestFirst() || c.index() < 0 || c.index() >= file.layout().chunkCount()
                || c.data().remaining() != file.layout().length(c.index())) {
            throw new ProtocolViolationException("CHUNK " + c.index() + " of file " + c.fileId() + " with "
                    + c.data().remaining() + " bytes does not fit its offer of " + file.offer().size()
                    + " bytes in chunks of " + file.offer().chunkSize());
        }
        if (file.has(c.index())) {
            return;
        }
        boolean intact;
        try {
            intact = file.storeChecked(c.index(), c.data(), c.crc());
        } catch (IOException e) {
            failWrite(file, e);
            return;
        }
        if (!intact) {
            rejectChunk(file, c);
            return;
        }
        file.space().used(c.data().remaining());
        events.chunkStored(c.data().remaining());
        completeIfReady(file);
    }

    /**
     * A write failed. When the disk filled up (another writer took the space this file was
     * promised), the file ends with a plain "disk is full" and its part file follows the store's
     * one rule ({@link ReceiveStore#keepsPartAfterSpaceFailure}); the connection goes on.
     */
    private void failWrite(IncomingFile file, IOException e) throws IOException {
        if (!ReceiveStore.isOutOfSpace(e)) {
            finish(file, FileStatus.FAILED, ErrorCode.IO_ERROR, "cannot write " + file.offer().path() + ": " + plain(e), null);
            return;
        }
        String text = store.diskFullMessage(file.offer().path());
        if (store.keepsPartAfterSpaceFailure()) {
            LOG.warn("{}; its verified chunks stay for a resume", text);
        } else {
            file.discard();
            LOG.warn("{}; its part file was removed", text);
        }
        finish(file, FileStatus.FAILED, ErrorCode.NO_SPACE, text, null);
    }

    /** An I/O failure as a user reads it: the system's words, never a Java type name. */
    private static String plain(IOException e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? "input/output error" : e.getMessage();
    }

    private void rejectChunk(IncomingFile file, Message.Chunk c) throws IOException {
        int retries = file.countRetry();
        LOG.warn("chunk {} of {} failed CRC32C (attempt {})", c.index(), file.offer().path(), retries);
        if (retries > TransferProtocol.MAX_CHUNK_RETRIES) {
            finish(file, FileStatus.FAILED, ErrorCode.CHUNK_RETRIES_EXHAUSTED, "chunks of " + file.offer().path()
                    + " failed their CRC32C " + retries + " times", null);
            return;
        }
        out.nack(c.fileId(), c.index());
    }

    public void onEnd(Message.End e) throws IOException {
        if (striped.owns(e.fileId())) {
            striped.onEnd(e);
            return;
        }
        IncomingFile file = activeFile(e.fileId(), "END");
        if (file == null) {
            return;
        }
        if (e.sourceChanged()) {
            dropChangedSource(file, e);
            return;
        }
        DigestAlgorithm algorithm = file.offer().algorithm();
        if (e.digest() == null || e.digest().length != algorithm.length()) {
            throw new ProtocolViolationException("END of file " + e.fileId() + " without a " + algorithm.cliName() + " digest");
        }
        try {
            if (file.awaitingDigestFirst()) {
                file.awaitDigestFirst(false);
                if (!checkIdentical(file, e.digest())) {
                    file.expectDigest(e.digest());
                    file.open();
                    out.plan(e.fileId(), PlanDecision.SEND, file.heldRuns());
                }
                return;
            }
            file.expectDigest(e.digest());
            completeIfReady(file);
        } catch (IOException ex) {
            finish(file, FileStatus.FAILED, ErrorCode.IO_ERROR, "cannot store " + file.offer().path() + ": " + plain(ex), null);
        }
    }

    /**
     * The sender saw the source change while it read it: what arrived may be torn, so the part
     * file and ledger go, whatever the digest would say. Unless the sender gives up, it offers
     * the file again from the start, and this RESULT is not the file's last word.
     */
    private void dropChangedSource(IncomingFile file, Message.End e) throws IOException {
        file.discard();
        String path = file.offer().path();
        if (e.givingUp()) {
            finish(file, FileStatus.FAILED, ErrorCode.SOURCE_CHANGED, e.sourceGone()
                    ? path + " disappeared while it was being sent"
                    : path + " changed while it was being sent (tried " + e.changedAttempts() + " times)", null);
            return;
        }
        events.sourceRestarted(path);
        finish(file, FileStatus.RESTART_FROM_ZERO, ErrorCode.SOURCE_RESTARTED,
                path + " changed while it was being sent; it is sent again", null);
    }

    /** @return the file, or null for a file that already has its RESULT (late chunks are dropped) */
    private IncomingFile activeFile(int fileId, String what) throws ProtocolViolationException {
        IncomingFile file = active.get(fileId);
        if (file == null && Integer.toUnsignedLong(fileId) > highestFileId) {
            throw new ProtocolViolationException(what + " for file " + Integer.toUnsignedString(fileId) + " never offered");
        }
        return file;
    }

    private void completeIfReady(IncomingFile file) throws IOException {
        if (!file.complete()) {
            return;
        }
        byte[] actual = file.finishDigest(store.fsync(), events::stillWorking);
        if (!Arrays.equals(actual, file.expectedDigest())) {
            file.discard();
            // Chunks resumed from the ledger came from an older version of the source: start over.
            FileStatus status = file.resumedBytes() > 0 ? FileStatus.RESTART_FROM_ZERO : FileStatus.FAILED;
            finish(file, status, ErrorCode.DIGEST_MISMATCH, "whole-file " + file.offer().algorithm().cliName()
                    + " of " + file.offer().path() + " is " + DigestAlgorithm.hex(actual) + ", sender says "
                    + DigestAlgorithm.hex(file.expectedDigest()) + "; part file discarded", null);
            return;
        }
        Path stored;
        try {
            stored = store.publish(file.part(), file.destination());
        } catch (FileAlreadyExistsException e) {
            file.discard();
            finish(file, FileStatus.FAILED, ErrorCode.EXISTS, e.getFile() + " " + e.getReason(), null);
            return;
        }
        file.forgetLedger();
        String storedAs = stored.equals(file.destination()) ? "" : store.paths().root().relativize(stored).toString();
        finish(file, FileStatus.VERIFIED, ErrorCode.NONE, storedAs, "", actual);
    }

    private void finish(IncomingFile file, FileStatus status, ErrorCode code, String text, byte[] digest) throws IOException {
        finish(file, status, code, "", text, digest);
    }

    private void finish(IncomingFile file, FileStatus status, ErrorCode code, String storedAs, String text,
                        byte[] digest) throws IOException {
        Message.Offer o = file.offer();
        active.remove(o.fileId());
        file.closeQuietly();
        store.release(file.destination());
        out.result(o.fileId(), status, code, file.resumedBytes(), digest, storedAs, text);
        if (status == FileStatus.FAILED) {
            LOG.info("file {} failed: {} {}", o.path(), code, text);
        } else if (status == FileStatus.RESTART_FROM_ZERO) {
            LOG.info("file {} is to be sent again from the start: {}", o.path(), text);
        }
        if (status.isFinal() && events.wantsOutcomes()) {
            events.fileFinished(outcome(o, status, code, text, digest, file.resumedBytes(), file.retries(),
                    storedAs.isEmpty() ? null : storedAs));
        }
    }

    private void fail(Message.Offer o, ErrorCode code, String text) throws IOException {
        LOG.info("file {} refused: {} {}", o.path(), code, text);
        out.result(o.fileId(), FileStatus.FAILED, code, 0, null, "", text);
        events.fileFinished(outcome(o, FileStatus.FAILED, code, text, null, 0, 0, null));
    }

    private static FileOutcome outcome(Message.Offer o, FileStatus status, ErrorCode code, String text, byte[] digest,
                                       long resumed, int retransmitted, String storedAs) {
        return new FileOutcome(o.path(), o.directory(), o.size(), status, code, text, o.algorithm(),
                digest == null ? null : DigestAlgorithm.hex(digest), resumed, retransmitted, storedAs);
    }

    /** Closes every file in progress; their part files and ledgers stay for a resume. */
    @Override
    public void close() {
        for (IncomingFile file : active.values()) {
            file.closeQuietly();
            store.release(file.destination());
        }
        active.clear();
        striped.close();
    }
}
