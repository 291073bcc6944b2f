package dev.netlab.filetransfer.protocol;

import dev.netlab.common.frame.FrameWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import dev.netlab.filetransfer.transport.CoalescingWriteChannel;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Encodes {@link Message}s into netlab frames. Writes go to the channel as they are made; give
 * it a {@code CoalescingWriteChannel} to batch small messages into few system calls. Not
 * thread-safe: one writer thread per connection.
 */
public final class MessageWriter {

    /** Longest free text sent; longer messages are cut, they only explain a code. */
    private static final int MAX_TEXT_CHARS = 4000;

    private final FrameWriter frames;
    private final ByteBuffer control = ByteBuffer.allocate(TransferProtocol.MAX_CONTROL_PAYLOAD);
    private final ByteBuffer chunkHeader = ByteBuffer.allocateDirect(TransferProtocol.CHUNK_HEADER_LENGTH);
    private final WritableByteChannel channel;

    public MessageWriter(WritableByteChannel channel) {
        this.channel = channel;
        this.frames = new FrameWriter(channel);
    }

    public void hello(int magic, int version) throws IOException {
        control.clear().putInt(magic).putShort((short) version).putShort((short) 0);
        send(MessageType.HELLO, 0);
    }

    public void welcome(boolean tokenRequired, byte[] nonce) throws IOException {
        control.clear().putShort((short) TransferProtocol.VERSION)
                .putShort((short) (tokenRequired ? TransferProtocol.WELCOME_FLAG_TOKEN_REQUIRED : 0))
                .put(nonce);
        send(MessageType.WELCOME, 0);
    }

    public void auth(byte[] mac) throws IOException {
        control.clear().put(mac);
        send(MessageType.AUTH, 0);
    }

    public void authOk() throws IOException {
        control.clear();
        send(MessageType.AUTH_OK, 0);
    }

    public void error(ErrorCode code, String text) throws IOException {
        control.clear().putShort((short) code.wire());
        putText(text);
        send(MessageType.ERROR, 0);
    }

    public void offer(Message.Offer o) throws IOException {
        control.clear().putInt(o.fileId()).putLong(o.size()).putLong(o.mtimeMillis())
                .putInt(o.chunkSize()).putShort((short) o.stripeIndex()).putShort((short) o.stripeCount())
                .put((byte) o.algorithm().wire());
        putDigest(o.digest());
        putString(o.path());
        int flags = (o.eager() ? TransferProtocol.OFFER_FLAG_EAGER : 0)
                | (o.directory() ? TransferProtocol.OFFER_FLAG_DIRECTORY : 0);
        send(MessageType.OFFER, flags);
    }

    public void plan(int fileId, PlanDecision decision, List<Message.ChunkRun> held) throws IOException {
        ByteBuffer body = ByteBuffer.allocate(Integer.BYTES + 1 + Integer.BYTES + held.size() * 2 * Integer.BYTES);
        body.putInt(fileId).put((byte) decision.wire()).putInt(held.size());
        for (Message.ChunkRun run : held) {
            body.putInt(run.first()).putInt(run.count());
        }
        frames.write(MessageType.PLAN.wire(), 0, body.flip());
    }

    /** Sends a chunk; {@code data}'s remaining bytes are consumed. */
    public void chunk(int fileId, int index, int crc, ByteBuffer data) throws IOException {
        frames.writeHeader(MessageType.CHUNK.wire(), 0, TransferProtocol.CHUNK_HEADER_LENGTH + data.remaining());
        chunkHeader.clear().putInt(fileId).putInt(index).putInt(crc).flip();
        while (chunkHeader.hasRemaining()) {
            channel.write(chunkHeader);
        }
        while (data.hasRemaining()) {
            channel.write(data);
        }
    }

    /**
     * Sends a chunk the caller holds mapped ({@code mapped}'s remaining bytes, from
     * {@code position} of {@code file}) and has computed the CRC32C of: by sendfile when the
     * channel is a plain socket, otherwise (TLS) straight from the mapping. Consumes {@code mapped}.
     */
    public void chunkFromFile(int fileId, int index, int crc, FileChannel file, long position, ByteBuffer mapped)
            throws IOException {
        frames.writeHeader(MessageType.CHUNK.wire(), 0, TransferProtocol.CHUNK_HEADER_LENGTH + mapped.remaining());
        chunkHeader.clear().putInt(fileId).putInt(index).putInt(crc).flip();
        while (chunkHeader.hasRemaining()) {
            channel.write(chunkHeader);
        }
        if (channel instanceof CoalescingWriteChannel coalescing) {
            coalescing.transferFrom(file, position, mapped);
            return;
        }
        while (mapped.hasRemaining()) {
            channel.write(mapped);
        }
    }

    public void end(int fileId, byte[] digest) throws IOException {
        control.clear().putInt(fileId);
        putDigest(digest);
        send(MessageType.END, 0);
    }

    /** END of a file whose source changed (or vanished) while it was read; see {@link TransferProtocol#END_FLAG_SOURCE_CHANGED}. */
    public void endChanged(int fileId, int attempts, boolean givingUp, boolean gone) throws IOException {
        control.clear().putInt(fileId);
        putDigest(null);
        control.put((byte) Math.min(attempts, 255));
        send(MessageType.END, TransferProtocol.END_FLAG_SOURCE_CHANGED
                | (givingUp ? TransferProtocol.END_FLAG_GIVING_UP : 0) | (gone ? TransferProtocol.END_FLAG_SOURCE_GONE : 0));
    }

    public void nack(int fileId, int index) throws IOException {
        control.clear().putInt(fileId).putInt(index);
        send(MessageType.NACK, 0);
    }

    /** @param storedAs "" unless a VERIFIED file was stored under another name than offered */
    public void result(int fileId, FileStatus status, ErrorCode code, long resumedBytes, byte[] digest,
                       String storedAs, String text) throws IOException {
        control.clear().putInt(fileId).put((byte) status.wire()).putShort((short) code.wire())
                .putLong(resumedBytes);
        putDigest(digest);
        putString(storedAs);
        putText(text);
        send(MessageType.RESULT, 0);
    }

    public void done(int fileCount) throws IOException {
        control.clear().putInt(fileCount);
        send(MessageType.DONE, 0);
    }

    public void list(String path) throws IOException {
        control.clear();
        putString(path);
        send(MessageType.LIST, 0);
    }

    /** At most {@link TransferProtocol#MAX_LISTING_ENTRIES} entries per call. */
    public void listing(List<Message.ListingEntry> entries, boolean more) throws IOException {
        if (entries.size() > TransferProtocol.MAX_LISTING_ENTRIES) {
            throw new IllegalArgumentException("listing of " + entries.size() + " entries > max "
                    + TransferProtocol.MAX_LISTING_ENTRIES);
        }
        int size = Integer.BYTES;
        for (Message.ListingEntry e : entries) {
            size += 1 + 2 * Long.BYTES + Short.BYTES + e.name().getBytes(StandardCharsets.UTF_8).length;
        }
        ByteBuffer body = ByteBuffer.allocate(size).putInt(entries.size());
        for (Message.ListingEntry e : entries) {
            byte[] name = e.name().getBytes(StandardCharsets.UTF_8);
            body.put((byte) (e.directory() ? 2 : 1)).putLong(e.size()).putLong(e.mtimeMillis())
                    .putShort((short) name.length).put(name);
        }
        frames.write(MessageType.LISTING.wire(), more ? TransferProtocol.LISTING_FLAG_MORE : 0, body.flip());
    }

    public void get(int chunkSize, DigestAlgorithm algorithm, String path) throws IOException {
        control.clear().putInt(chunkSize).put((byte) algorithm.wire());
        putString(path);
        send(MessageType.GET, 0);
    }

    private void putDigest(byte[] digest) {
        if (digest == null) {
            control.put((byte) 0);
        } else {
            control.put((byte) digest.length).put(digest);
        }
    }

    private void putString(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > TransferProtocol.MAX_PATH_BYTES) {
            throw new IllegalArgumentException("path of " + bytes.length + " bytes > max "
                    + TransferProtocol.MAX_PATH_BYTES + ": " + s);
        }
        control.putShort((short) bytes.length).put(bytes);
    }

    /** Free text is cut to fit the control frame rather than failing the message it explains. */
    private void putText(String text) {
        String s = text == null ? "" : text;
        // 4000 chars are at most 16000 UTF-8 bytes: always fits, and never cuts a character.
        control.put(s.substring(0, Math.min(s.length(), MAX_TEXT_CHARS)).getBytes(StandardCharsets.UTF_8));
    }

    private void send(MessageType type, int flags) throws IOException {
        frames.write(type.wire(), flags, control.flip());
    }
}
