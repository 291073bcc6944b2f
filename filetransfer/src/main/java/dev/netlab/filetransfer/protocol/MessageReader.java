package dev.netlab.filetransfer.protocol;

import dev.netlab.common.frame.Frame;
import dev.netlab.common.frame.FrameReader;
import dev.netlab.common.frame.ProtocolViolationException;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes {@link Message}s from a stream of netlab frames. Every count and length read off the
 * wire is checked before it is used; a short body, a bad UTF-8 string or a type that needs a
 * smaller frame is a {@link ProtocolViolationException}. Not thread-safe: one reader thread.
 */
public final class MessageReader {

    private final FrameReader frames;
    /** Strict: malformed UTF-8 from the wire is refused, never replaced. Reused for every string. */
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    /**
     * @param maxPayload frame cap: {@link TransferProtocol#MAX_CONTROL_PAYLOAD} before the peer
     *     is authenticated, {@link #sessionPayloadCap()} after
     */
    public MessageReader(ReadableByteChannel channel, int maxPayload) {
        this.frames = new FrameReader(channel, maxPayload);
    }

    /** The frame cap once a session is established: one chunk of the largest size. */
    public static int sessionPayloadCap() {
        return TransferProtocol.MAX_CHUNK_SIZE + TransferProtocol.CHUNK_HEADER_LENGTH;
    }

    /** @return the next message, or null when the peer closed cleanly between frames */
    public Message next() throws IOException {
        Frame frame = frames.next();
        if (frame == null) {
            return null;
        }
        MessageType type = MessageType.fromWire(frame.type());
        ByteBuffer body = frame.payload();
        if (type != MessageType.CHUNK && type != MessageType.PLAN && type != MessageType.LISTING
                && body.remaining() > TransferProtocol.MAX_CONTROL_PAYLOAD) {
            throw new ProtocolViolationException(type + " body of " + body.remaining()
                    + " bytes > max " + TransferProtocol.MAX_CONTROL_PAYLOAD);
        }
        try {
            return decode(type, frame.flags(), body);
        } catch (BufferUnderflowException e) {
            throw new ProtocolViolationException(type + " body of " + frame.payload().limit()
                    + " bytes is too short");
        }
    }

    private Message decode(MessageType type, int flags, ByteBuffer b) throws ProtocolViolationException {
        return switch (type) {
            case HELLO -> new Message.Hello(b.getInt(), b.getShort() & 0xFFFF);
            case WELCOME -> new Message.Welcome(b.getShort() & 0xFFFF,
                    (b.getShort() & TransferProtocol.WELCOME_FLAG_TOKEN_REQUIRED) != 0,
                    bytes(b, TransferProtocol.NONCE_LENGTH));
            case AUTH -> new Message.Auth(bytes(b, TransferProtocol.MAC_LENGTH));
            case AUTH_OK -> new Message.AuthOk();
            case ERROR -> new Message.ErrorMessage(ErrorCode.fromWire(b.getShort() & 0xFFFF), rest(b));
            case OFFER -> offer(flags, b);
            case PLAN -> plan(b);
            case CHUNK -> new Message.Chunk(b.getInt(), b.getInt(), b.getInt(), b.slice());
            case END -> end(flags, b);
            case NACK -> new Message.Nack(b.getInt(), b.getInt());
            case RESULT -> result(b);
            case DONE -> new Message.Done(b.getInt());
            case LIST -> new Message.ListRequest(string(b, TransferProtocol.MAX_PATH_BYTES));
            case LISTING -> listing(flags, b);
            case GET -> new Message.GetRequest(b.getInt(), DigestAlgorithm.fromWire(b.get() & 0xFF),
                    string(b, TransferProtocol.MAX_PATH_BYTES));
        };
    }

    private Message.Offer offer(int flags, ByteBuffer b) throws ProtocolViolationException {
        int fileId = b.getInt();
        long size = b.getLong();
        long mtime = b.getLong();
        int chunkSize = b.getInt();
        int stripeIndex = b.getShort() & 0xFFFF;
        int stripeCount = b.getShort() & 0xFFFF;
        DigestAlgorithm algorithm = DigestAlgorithm.fromWire(b.get() & 0xFF);
        byte[] digest = digest(b);
        String path = string(b, TransferProtocol.MAX_PATH_BYTES);
        boolean eager = (flags & TransferProtocol.OFFER_FLAG_EAGER) != 0;
        if (eager && (digest == null || digest.length != algorithm.length())) {
            throw new ProtocolViolationException("eager OFFER of file " + fileId + " without a "
                    + algorithm.cliName() + " digest");
        }
        return new Message.Offer(fileId, size, mtime, chunkSize, stripeIndex, stripeCount, algorithm,
                digest, path, eager, (flags & TransferProtocol.OFFER_FLAG_DIRECTORY) != 0);
    }

    private Message.Result result(ByteBuffer b) throws ProtocolViolationException {
        int fileId = b.getInt();
        FileStatus status = FileStatus.fromWire(b.get() & 0xFF);
        ErrorCode code = ErrorCode.fromWire(b.getShort() & 0xFFFF);
        long resumed = b.getLong();
        byte[] digest = digest(b);
        String storedAs = string(b, TransferProtocol.MAX_PATH_BYTES);
        if (!storedAs.isEmpty() && status != FileStatus.VERIFIED) {
            throw new ProtocolViolationException("RESULT " + status + " of file " + Integer.toUnsignedString(fileId)
                    + " with a stored-as name");
        }
        return new Message.Result(fileId, status, code, resumed, digest, storedAs, rest(b));
    }

    private static Message.Plan plan(ByteBuffer b) throws ProtocolViolationException {
        int fileId = b.getInt();
        PlanDecision decision = PlanDecision.fromWire(b.get() & 0xFF);
        long runs = Integer.toUnsignedLong(b.getInt());
        if (runs * 2 * Integer.BYTES != b.remaining()) {
            throw new ProtocolViolationException("PLAN announces " + runs + " runs but carries "
                    + b.remaining() + " bytes");
        }
        List<Message.ChunkRun> held = new ArrayList<>((int) runs);
        for (long i = 0; i < runs; i++) {
            held.add(new Message.ChunkRun(b.getInt(), b.getInt()));
        }
        return new Message.Plan(fileId, decision, held);
    }

    private Message.Listing listing(int flags, ByteBuffer b) throws ProtocolViolationException {
        int count = b.getInt();
        if (count < 0 || count > TransferProtocol.MAX_LISTING_ENTRIES) {
            throw new ProtocolViolationException("LISTING of " + Integer.toUnsignedString(count)
                    + " entries > max " + TransferProtocol.MAX_LISTING_ENTRIES);
        }
        List<Message.ListingEntry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            boolean directory = b.get() == 2;
            long size = b.getLong();
            long mtime = b.getLong();
            entries.add(new Message.ListingEntry(directory, size, mtime,
                    string(b, TransferProtocol.MAX_PATH_BYTES)));
        }
        return new Message.Listing(entries, (flags & TransferProtocol.LISTING_FLAG_MORE) != 0);
    }

    private static Message.End end(int flags, ByteBuffer b) throws ProtocolViolationException {
        int fileId = b.getInt();
        byte[] digest = digest(b);
        if ((flags & TransferProtocol.END_FLAG_SOURCE_CHANGED) == 0) {
            return new Message.End(fileId, digest);
        }
        int attempts = b.get() & 0xFF;
        if (digest != null || attempts == 0) {
            throw new ProtocolViolationException("END of changed file " + Integer.toUnsignedString(fileId)
                    + " with a digest or attempt 0");
        }
        return new Message.End(fileId, null, attempts, (flags & TransferProtocol.END_FLAG_GIVING_UP) != 0,
                (flags & TransferProtocol.END_FLAG_SOURCE_GONE) != 0);
    }

    private static byte[] digest(ByteBuffer b) {
        int length = b.get() & 0xFF;
        return length == 0 ? null : bytes(b, length);
    }

    private static byte[] bytes(ByteBuffer b, int length) {
        byte[] bytes = new byte[length];
        b.get(bytes);
        return bytes;
    }

    private String string(ByteBuffer b, int maxBytes) throws ProtocolViolationException {
        int length = b.getShort() & 0xFFFF;
        if (length > maxBytes) {
            throw new ProtocolViolationException("string of " + length + " bytes > max " + maxBytes);
        }
        return utf8(b, length);
    }

    private String rest(ByteBuffer b) throws ProtocolViolationException {
        return utf8(b, b.remaining());
    }

    private String utf8(ByteBuffer b, int length) throws ProtocolViolationException {
        if (length > b.remaining()) {
            throw new BufferUnderflowException();
        }
        ByteBuffer slice = b.slice(b.position(), length);
        b.position(b.position() + length);
        try {
            return utf8.decode(slice).toString();
        } catch (CharacterCodingException e) {
            throw new ProtocolViolationException("string of " + length + " bytes is not valid UTF-8");
        }
    }
}
