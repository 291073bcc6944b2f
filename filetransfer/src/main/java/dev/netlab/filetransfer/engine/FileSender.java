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

    private void offer(SourceFile source) throws IOException {
        int fileId = nextFileId++;
        ChunkLayout layout = ChunkLayout.of(source.size(), options.chunkSize());
        Outgoing file = new Outgoing(source, layout);
        DigestAlgorithm algorithm = options.algorithm();
        if (source.directory()) {
            inFlight.put(fileId, file);
            out.offer(new Message.Offer(fileId, 0, source.mtimeMillis(), layout.chunkSize(), 0, 1, algorithm, null,
                    source.wirePath(), false, true));
            return;
        }
        if (!layout.singleChunk() || source.striped()) {
            inFlight.put(fileId, file);
            largeInFlight++;
            out.offer(new Message.Offer(fileId, source.size(), source.mtimeMillis(), layout.chunkSize(),
                    source.stripeIndex(), source.stripeCount(), algorithm, null, source.wirePath(), false, false));
            return;
        }
        ByteBuffer data = reader.readWhole(source.local(), (int) source.size());
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
        file.digest = streamFile(plan.fileId(), file, held, sendData);
        out.end(plan.fileId(), file.digest);
    }

    /**
     * One pass over the file: every chunk feeds the digest (on a background thread), chunks the
     * receiver lacks get their CRC32C from the digest's in-cache copy and travel by sendfile.
     * Stripe 0 of a striped file hashes every chunk but sends only its own; other stripes send
     * their own chunks and leave the digest to stripe 0.
     */
    private byte[] streamFile(int fileId, Outgoing file, BitSet held, boolean sendData) throws IOException {
        Stripe stripe = Stripe.of(file.source);
        boolean hashing = stripe.hashesWholeFile();
        long resumed = 0;
        CRC32C crc = new CRC32C();
        try (FileChannel channel = FileChannel.open(file.source.local(), StandardOpenOption.READ);
             BackgroundDigest digest = hashing ? new BackgroundDigest(options.algorithm(), "ft-digest") : null) {
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
            if (resumed > 0) {
                events.bytesResumed(resumed);
            }
            return hashing ? digest.finish() : null;
        }
    }

    private void sendChunk(int fileId, FileChannel channel, ChunkLayout layout, int index, boolean send, CRC32C crc,
                           BackgroundDigest digest) throws IOException {
        long position = layout.offset(index);
        int length = layout.length(index);
        MappedByteBuffer mapped = MappedChunks.map(channel, position, length);
        try {
            crc.reset();
            if (digest != null) {
                digest.update(mapped.duplicate(), send ? crc : null);
            } else {
                crc.update(mapped.duplicate());
            }
            if (send) {
                out.chunkFromFile(fileId, index, (int) crc.getValue(), channel, position, mapped.duplicate());
                events.bytesSent(length);
            }
        } finally {
            MappedChunks.unmap(mapped);
        }
    }

    private void onNack(Message.Nack nack) throws IOException {
        Outgoing file = inFlight(nack.fileId(), "NACK");
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
        if (!file.source.directory() && (!file.layout.singleChunk() || file.source.striped())) {
            largeInFlight--;
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
