package dev.netlab.filetransfer.engine;

import java.util.Arrays;
import dev.netlab.common.frame.ProtocolViolationException;
import dev.netlab.filetransfer.protocol.ChunkLayout;
import dev.netlab.filetransfer.protocol.DigestAlgorithm;
import dev.netlab.filetransfer.protocol.ErrorCode;
import dev.netlab.filetransfer.protocol.FileStatus;
import dev.netlab.filetransfer.protocol.Message;
import dev.netlab.filetransfer.protocol.MessageWriter;
import dev.netlab.filetransfer.protocol.PlanDecision;
import dev.netlab.filetransfer.protocol.TransferProtocol;
import java.io.EOFException;
import dev.netlab.filetransfer.stripe.Stripe;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32C;

/**
 * The sending side of the protocol for one connection. This thread offers files (small ones
 * eagerly, with their single chunk and digest), answers each PLAN with the chunks the receiver
 * lacks and an END carrying the whole-file digest, resends chunks on NACK, and collects RESULTs;
 * a {@link ReplyReader} thread feeds it the receiver's messages. Offers run up to
 * {@link TransferProtocol#MAX_FILES_IN_FLIGHT} ahead of the results, so many small files cost no
 * round trip each. Used by the client for uploads and by the server for downloads.
 */
public final class FileSender {

    /**
     * Multi-chunk files offered and not yet answered. Each holds a part file and ledger open on
     * the receiver, and their data goes one file at a time anyway.
     */
    public static final int MAX_LARGE_FILES_IN_FLIGHT = 4;
    /**
     * How many times a file whose source changes while it is read is started, in all: a file saved
     * once during its transfer gets through on the second, one written all the time (a log) fails
     * after the third instead of arriving torn.
     */
    public static final int MAX_SOURCE_ATTEMPTS = 3;

    /** How the files are cut and verified. */
    public record Options(int chunkSize, DigestAlgorithm algorithm) {
    }

    private final ReplyReader replies;
    private final MessageWriter out;
    private final Flushable flushable;
    private final Options options;
    private final SenderEvents events;
    private final SourceReader reader = new SourceReader();
    private final Map<Integer, Outgoing> inFlight = new HashMap<>();
    private final Deque<SourceFile> pending = new ArrayDeque<>();
    private final List<FileOutcome> outcomes = new ArrayList<>();
    /** How many times each source (by wire path) was seen to change while it was read. */
    private final Map<String, Integer> sourceChanges = new HashMap<>();
    /** Sources the receiver asked to send again from the start; each may ask once. */
    private final Set<SourceFile> restarted = new HashSet<>();
    private int nextFileId;
    private int largeInFlight;

    /** Sends whatever was staged; called before this thread waits for the receiver. */
    @FunctionalInterface
    public interface Flushable {
        void flush() throws IOException;
    }

    public FileSender(ReplyReader replies, MessageWriter out, Flushable flushable, Options options, SenderEvents events) {
        this.replies = replies;
        this.out = out;
        this.flushable = flushable;
        this.options = options;
        this.events = events;
    }

    /** A file offered and not yet answered with a final RESULT. */
    private static final class Outgoing {
        final SourceFile source;
        final ChunkLayout layout;
        /** The source as stat saw it when it was offered; read again after it was read. */
        SourceState state;
        /** Offered without its data, so it counts against MAX_LARGE_FILES_IN_FLIGHT. */
        boolean large;
        /** Set when this attempt was abandoned because the source changed: what to offer next. */
        SourceFile restartAs;
        byte[] digest;
        int retransmitted;

        Outgoing(SourceFile source, ChunkLayout layout) {
            this.source = source;
            this.layout = layout;
        }
    }

    /**
     * Sends every file and waits for the receiver's verdict on each.
     *
     * @return one outcome per file, in the order the results arrived
     */
    public List<FileOutcome> send(List<SourceFile> files) throws IOException, InterruptedException {
        pending.addAll(files);
        replies.start(files.size());
        while (!pending.isEmpty() || !inFlight.isEmpty()) {
            ReplyReader.Reply reply = replies.poll();
            if (reply == null && canOffer()) {
                offer(pending.poll());
                continue;
            }
            if (reply == null) {
                flushable.flush();
                reply = replies.take();
            }
            handle(reply);
        }
        flushable.flush();
        return outcomes;
    }

    private boolean canOffer() {
        SourceFile next = pending.peek();
        if (next == null || inFlight.size() >= TransferProtocol.MAX_FILES_IN_FLIGHT) {
            return false;
        }
        return next.directory() || !next.striped() && ChunkLayout.of(next.size(), options.chunkSize()).singleChunk()
                || largeInFlight < MAX_LARGE_FILES_IN_FLIGHT;
    }

    private void offer(SourceFile listed) throws IOException {
        int fileId = nextFileId++;
        SourceState state = listed.directory() ? null
                : listed.size() <= options.chunkSize() && !listed.striped() ? SourceState.basic(listed.local())
                : SourceState.of(listed.local());
        SourceFile source = state == null || state.gone() || listed.striped() ? listed : current(listed, state);
        ChunkLayout layout = ChunkLayout.of(source.size(), options.chunkSize());
        Outgoing file = new Outgoing(source, layout);
        file.state = state;
        DigestAlgorithm algorithm = options.algorithm();
        if (source.directory()) {
            inFlight.put(fileId, file);
            out.offer(new Message.Offer(fileId, 0, source.mtimeMillis(), layout.chunkSize(), 0, 1, algorithm, null,
                    source.wirePath(), false, true));
            return;
        }
        ByteBuffer data = layout.singleChunk() && !source.striped() && !state.gone() ? readUnchanged(source, state) : null;
        if (data == null) {
            // large, striped, or a small file that changed while read: its data waits for a PLAN,
            // and onPlan looks at the source again
            file.large = true;
            inFlight.put(fileId, file);
            largeInFlight++;
            out.offer(new Message.Offer(fileId, source.size(), source.mtimeMillis(), layout.chunkSize(),
                    source.stripeIndex(), source.stripeCount(), algorithm, null, source.wirePath(), false, false));
            return;
        }
        file.digest = algorithm.digestOf(data.duplicate());
        inFlight.put(fileId, file);
        out.offer(new Message.Offer(fileId, source.size(), source.mtimeMillis(), layout.chunkSize(), 0, 1,
                algorithm, file.digest, source.wirePath(), true, false));
        if (layout.chunkCount() == 1) {
            int crc = reader.crcOf(data);
            int length = data.remaining();
            out.chunk(fileId, 0, crc, data);
            events.bytesSent(length);
        }
    }

    /** A small file read whole, or null when the source changed (or vanished) while it was read. */
    private ByteBuffer readUnchanged(SourceFile source, SourceState before) throws IOException {
        ByteBuffer data;
        try {
            data = reader.readWhole(source.local(), (int) source.size());
        } catch (IOException e) {
            if (SourceState.basic(source.local()).same(before)) {
                throw e;
            }
            return null;
        }
        return SourceState.basic(source.local()).same(before) ? data : null;
    }

    /** The listed source with the size and mtime it has now. */
    private static SourceFile current(SourceFile listed, SourceState state) {
        if (state.size() == listed.size() && state.mtimeMillis() == listed.mtimeMillis()) {
            return listed;
        }
        return new SourceFile(listed.local(), listed.wirePath(), false, state.size(), state.mtimeMillis(),
                listed.stripeIndex(), listed.stripeCount());
    }

    private void handle(ReplyReader.Reply reply) throws IOException {
        if (reply.failure() != null) {
            throw reply.failure();
        }
        Message message = reply.message();
        if (message instanceof Message.Plan plan) {
            onPlan(plan);
        } else if (message instanceof Message.Nack nack) {
            onNack(nack);
        } else if (message instanceof Message.Result result) {
            onResult(result);
        } else {
            throw new ProtocolViolationException("unexpected " + message.getClass().getSimpleName()
                    + " while sending files");
        }
    }

    private Outgoing inFlight(int fileId, String what) throws ProtocolViolationException {
        Outgoing file = inFlight.get(fileId);
        if (file == null) {
            throw new ProtocolViolationException(what + " for file " + fileId + " that is not in flight");
        }
        return file;
    }

    private void onPlan(Message.Plan plan) throws IOException {
        Outgoing file = inFlight(plan.fileId(), "PLAN");
        BitSet held = new BitSet(file.layout.chunkCount());
        for (Message.ChunkRun run : plan.held()) {
            if (run.first() < 0 || run.count() < 0 || (long) run.first() + run.count() > file.layout.chunkCount()) {
                throw new ProtocolViolationException("PLAN run " + run + " outside the file's "
                        + file.layout.chunkCount() + " chunks");
            }
            held.set(run.first(), run.first() + run.count());
        }
        boolean sendData = plan.decision() == PlanDecision.SEND;
        try {
            SourceState now = SourceState.of(file.source.local());
            if (!now.same(file.state)) {
                throw new SourceChanged(now);
            }
            file.digest = streamFile(plan.fileId(), file, held, sendData);
        } catch (SourceChanged e) {
            abandon(plan.fileId(), file, e.now);
            return;
        }
        out.end(plan.fileId(), file.digest);
    }

    /** The source of the file being read changed; {@code now} is how it stands. */
    private static final class SourceChanged extends IOException {
        final transient SourceState now;

        SourceChanged(SourceState now) {
            super("source changed while it was read");
            this.now = now;
        }
    }

    /**
     * Gives up this attempt at a file whose source changed while it was read: an END that says so
     * makes the receiver remove what it has, and its RESULT says whether we start the file again
     * (it then reads {@link ErrorCode#SOURCE_RESTARTED}) or, after {@link #MAX_SOURCE_ATTEMPTS} or
     * when the source is gone, fail it. Stripes of one file travel on several connections and
     * cannot restart together: stripe 0 sends a digest no content has, so the file fails its check
     * instead of landing torn.
     */
    private void abandon(int fileId, Outgoing file, SourceState now) throws IOException {
        SourceFile source = file.source;
        if (source.striped()) {
            out.end(fileId, source.stripeIndex() == 0 ? new byte[options.algorithm().length()] : null);
            return;
        }
        int attempts = sourceChanges.merge(source.wirePath(), 1, Integer::sum);
        boolean givingUp = now.gone() || attempts >= MAX_SOURCE_ATTEMPTS;
        if (!givingUp) {
            file.restartAs = current(source, now);
        }
        out.endChanged(fileId, attempts, givingUp, now.gone());
    }

    /**
     * One pass over the file: every chunk feeds the digest, read in place from the mapping in
     * cache-sized slices; chunks the receiver lacks get their CRC32C from the same slices and
     * travel by sendfile. Stripe 0 of a striped file hashes every chunk but sends only its own;
     * other stripes send their own chunks and leave the digest to stripe 0.
     *
     * @throws SourceChanged when stat after the pass differs from stat at the offer, or reading
     *     failed and the source changed: shrank under the mapping (the JVM turns the SIGBUS of a
     *     mapped read past the end into an InternalError), vanished, or was replaced
     */
    private byte[] streamFile(int fileId, Outgoing file, BitSet held, boolean sendData) throws IOException {
        Stripe stripe = Stripe.of(file.source);
        boolean hashing = stripe.hashesWholeFile();
        long resumed = 0;
        CRC32C crc = new CRC32C();
        try (FileChannel channel = FileChannel.open(file.source.local(), StandardOpenOption.READ)) {
            DigestAlgorithm.StreamingDigest digest = hashing ? options.algorithm().newDigest() : null;
            for (int i = 0; i < file.layout.chunkCount(); i++) {
                boolean mine = stripe.carries(i);
                boolean send = sendData && mine && !held.get(i);
                if (!hashing && !send) {
                    resumed += sendData && mine ? file.layout.length(i) : 0;
                    continue;
                }
                resumed += sendData && mine && !send ? file.layout.length(i) : 0;
                sendChunk(fileId, channel, file.layout, i, send, crc, digest);
            }
            SourceState after = SourceState.of(file.source.local());
            if (!after.same(file.state)) {
                throw new SourceChanged(after);
            }
            if (resumed > 0) {
                events.bytesResumed(resumed);
            }
            return hashing ? digest.finish() : null;
        } catch (SourceChanged e) {
            throw e;
        } catch (IOException | InternalError e) {
            SourceState now = SourceState.of(file.source.local());
            if (now.same(file.state)) {
                throw e;
            }
            throw new SourceChanged(now);
        }
    }

    private void sendChunk(int fileId, FileChannel channel, ChunkLayout layout, int index, boolean send, CRC32C crc,
                           DigestAlgorithm.StreamingDigest digest) throws IOException {
        long position = layout.offset(index);
        int length = layout.length(index);
        MappedByteBuffer mapped = MappedChunks.map(channel, position, length);
        events.aboutToRead(index);
        crc.reset();
        // Never CRC32C.update(mapped): its intrinsic takes the JVM down on the SIGBUS of a truncated
        // source; a bulk copy turns that into an InternalError, caught in streamFile. The CRC and
        // the digest both read that one copy.
        reader.checkMapped(mapped.duplicate(), send ? crc : null, digest);
        // Before the frame starts: a source cut short under the mapping surfaces here (the JVM
        // delivers the InternalError of a faulted mapped read at its next native call, and a
        // frame header already out without its data would leave the stream out of step).
        if (channel.size() < position + length) {
            throw new EOFException("source shrank to " + channel.size() + " bytes while read");
        }
        if (send) {
            out.chunkFromFile(fileId, index, (int) crc.getValue(), channel, position, mapped.duplicate());
            events.bytesSent(length);
        }
    }

    private void onNack(Message.Nack nack) throws IOException {
        Outgoing file = inFlight(nack.fileId(), "NACK");
        if (file.restartAs != null || file.state != null && !SourceState.of(file.source.local()).same(file.state)) {
            return; // abandoned, or about to be: resending a chunk of changed content would not help
        }
        if (nack.index() < 0 || nack.index() >= file.layout.chunkCount()
                || ++file.retransmitted > TransferProtocol.MAX_CHUNK_RETRIES + 1) {
            throw new ProtocolViolationException("NACK of chunk " + nack.index() + " of file " + nack.fileId()
                    + " (retransmission " + file.retransmitted + ")");
        }
        try (FileChannel channel = FileChannel.open(file.source.local(), StandardOpenOption.READ)) {
            ByteBuffer data = reader.read(channel, file.layout, nack.index());
            int length = data.remaining();
            out.chunk(nack.fileId(), nack.index(), reader.crcOf(data), data);
            events.bytesSent(length);
        }
    }

    private void onResult(Message.Result result) throws IOException {
        Outgoing file = inFlight(result.fileId(), "RESULT");
        inFlight.remove(result.fileId());
        if (file.large) {
            largeInFlight--;
        }
        if (result.status() == FileStatus.RESTART_FROM_ZERO && result.code() == ErrorCode.SOURCE_RESTARTED) {
            if (file.restartAs == null) {
                throw new ProtocolViolationException("RESULT " + ErrorCode.SOURCE_RESTARTED + " for file "
                        + result.fileId() + ", which this side did not abandon");
            }
            events.sourceRestarted(file.source.wirePath());
            pending.addFirst(file.restartAs);
            return;
        }
        if (result.status() == FileStatus.RESTART_FROM_ZERO) {
            // The receiver held chunks of an older version and dropped them; a second restart would
            // mean it keeps resuming what it said it dropped, and could go on forever.
            if (!restarted.add(file.source)) {
                throw new ProtocolViolationException("RESTART_FROM_ZERO of " + file.source.wirePath() + " twice");
            }
            pending.addFirst(file.source);
            return;
        }
        SourceFile s = file.source;
        String digestHex = result.digest() == null ? null : DigestAlgorithm.hex(result.digest());
        String storedAs = result.storedAs().isEmpty() ? null : result.storedAs();
        FileOutcome outcome = new FileOutcome(s.wirePath(), s.directory(), s.size(), result.status(), result.code(),
                result.text(), options.algorithm(), digestHex, result.resumedBytes(), file.retransmitted, storedAs);
        if (result.status() != FileStatus.FAILED && result.digest() != null && file.digest != null
                && !Arrays.equals(result.digest(), file.digest)) {
            outcome = new FileOutcome(s.wirePath(), false, s.size(), FileStatus.FAILED, ErrorCode.DIGEST_MISMATCH,
                    "receiver reports digest " + digestHex + ", sender computed " + DigestAlgorithm.hex(file.digest),
                    options.algorithm(), null, result.resumedBytes(), file.retransmitted, null);
        }
        outcomes.add(outcome);
        events.fileFinished(outcome);
    }
}
