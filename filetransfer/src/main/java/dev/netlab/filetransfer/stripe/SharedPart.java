package dev.netlab.filetransfer.stripe;

import dev.netlab.filetransfer.engine.IncomingFile;
import dev.netlab.filetransfer.protocol.DigestAlgorithm;
import dev.netlab.filetransfer.protocol.ErrorCode;
import dev.netlab.filetransfer.protocol.FileStatus;
import dev.netlab.filetransfer.protocol.Message;
import dev.netlab.filetransfer.store.FileHashing;
import dev.netlab.filetransfer.store.ReceiveStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One file arriving in stripes over several connections (send --streams): chunk i travels on
 * the connection carrying stripe i mod N. The part file, ledger and verdict are shared; each
 * connection's {@link StripedReceiver} stores its chunks here, and whichever connection stores
 * the last missing piece verifies the whole-file digest and publishes the file. A part lives
 * only while a connection takes part, but stripe 0 may bring the digest and leave before another
 * stripe joins: the digest is kept in the ledger with the chunks, and a part made later for the
 * same source takes it from there. Thread-safe: every method holds this object's lock.
 */
final class SharedPart {

    /** The verdict once the file is complete; {@code storedAs} as in a RESULT. */
    record Verdict(FileStatus status, ErrorCode code, String storedAs, String text, byte[] digest) {

        Verdict(FileStatus status, ErrorCode code, String text, byte[] digest) {
            this(status, code, "", text, digest);
        }
    }

    private final IncomingFile file;
    private final Set<Integer> stripesJoined = new HashSet<>();
    private int connections;
    private Verdict verdict;

    /** @param file opened: the digest stripe 0 announced to an earlier part of this source is in its ledger */
    SharedPart(IncomingFile file) {
        this.file = file;
        file.expectDigest(file.recordedDigest());
    }

    IncomingFile file() {
        return file;
    }

    /** @return false when the stripe is already taken or the offer describes another source */
    synchronized boolean join(Message.Offer o) {
        Message.Offer first = file.offer();
        boolean same = o.size() == first.size() && o.mtimeMillis() == first.mtimeMillis()
                && o.chunkSize() == first.chunkSize() && o.algorithm() == first.algorithm()
                && o.stripeCount() == first.stripeCount();
        if (!same || verdict != null || !stripesJoined.add(o.stripeIndex())) {
            return false;
        }
        connections++;
        return true;
    }

    /** @return true when no connection takes part any more (the owner then forgets this part) */
    synchronized boolean leave() {
        connections--;
        if (connections == 0 && verdict == null) {
            file.closeQuietly();
        }
        return connections == 0;
    }

    synchronized List<Message.ChunkRun> heldRuns() {
        return file.heldRuns();
    }

    synchronized boolean has(int index) {
        return file.has(index);
    }

    synchronized void store(int index, ByteBuffer data) throws IOException {
        file.store(index, data);
    }

    synchronized void digest(byte[] digest) throws IOException {
        file.expectDigest(digest);
        file.recordDigest(digest);
    }

    /** Verifies and publishes once every chunk and the digest are in; returns the verdict, or null while pieces are missing. */
    synchronized Verdict finishIfComplete(ReceiveStore store, Runnable progress) throws IOException {
        if (verdict != null || !file.complete()) {
            return verdict;
        }
        byte[] actual = file.finishDigest(store.fsync(), progress);
        DigestAlgorithm algorithm = file.offer().algorithm();
        if (!Arrays.equals(actual, file.expectedDigest())) {
            file.discard();
            verdict = new Verdict(FileStatus.FAILED, ErrorCode.DIGEST_MISMATCH, "whole-file " + algorithm.cliName()
                    + " of " + file.offer().path() + " is " + DigestAlgorithm.hex(actual) + ", sender says "
                    + DigestAlgorithm.hex(file.expectedDigest()) + "; part file discarded", null);
            return verdict;
        }
        verdict = publish(store, actual, progress);
        return verdict;
    }

    /** An identical file already there makes this one "skipped"; otherwise the on-exists policy decides. */
    private Verdict publish(ReceiveStore store, byte[] digest, Runnable progress) throws IOException {
        Path destination = file.destination();
        if (Files.isRegularFile(destination, LinkOption.NOFOLLOW_LINKS) && Files.size(destination) == file.offer().size()
                && Arrays.equals(FileHashing.digest(destination, file.offer().algorithm(), progress), digest)) {
            file.discard();
            return new Verdict(FileStatus.SKIPPED, ErrorCode.NONE, "identical file already present", digest);
        }
        try {
            Path stored = store.publish(file.part(), destination);
            file.forgetLedger();
            String storedAs = stored.equals(destination) ? "" : store.paths().root().relativize(stored).toString();
            return new Verdict(FileStatus.VERIFIED, ErrorCode.NONE, storedAs, "", digest);
        } catch (FileAlreadyExistsException e) {
            file.discard();
            return new Verdict(FileStatus.FAILED, ErrorCode.EXISTS, e.getFile() + " " + e.getReason(), null);
        }
    }
}
