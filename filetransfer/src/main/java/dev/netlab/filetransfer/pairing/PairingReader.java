package dev.netlab.filetransfer.pairing;

import dev.netlab.common.frame.ProtocolViolationException;
import java.io.EOFException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.agreement.jpake.JPAKERound1Payload;
import org.bouncycastle.crypto.agreement.jpake.JPAKERound2Payload;
import org.bouncycastle.crypto.agreement.jpake.JPAKERound3Payload;

/**
 * Reads pairing messages ({@link PairingFormat}) from one channel. Every length is checked
 * against its cap before anything is allocated; a broken rule is a
 * {@link ProtocolViolationException} naming it, and a REFUSED from the peer a
 * {@link PairingRefusedException}. Not thread-safe.
 */
final class PairingReader {

    /** What {@link #next} returned: the message's type and its whole body. */
    record Message(int type, ByteBuffer body) {
    }

    private final ReadableByteChannel in;

    PairingReader(ReadableByteChannel in) {
        this.in = in;
    }

    /** The rest of the opening after the magic, which the caller has read to recognise a pairing client. */
    void openingVersion() throws IOException {
        int version = Byte.toUnsignedInt(readFully(Byte.BYTES, "the opening").get());
        if (version != PairingFormat.VERSION) {
            throw new ProtocolViolationException("pairing version " + version + ", this server speaks "
                    + PairingFormat.VERSION);
        }
    }

    /** The next message, which must be of {@code expected} type (or REFUSED, thrown). */
    ByteBuffer expect(int expected) throws IOException {
        ByteBuffer header = readFully(PairingFormat.HEADER_LENGTH, "a message header");
        int type = Byte.toUnsignedInt(header.get());
        int length = Short.toUnsignedInt(header.getShort());
        if (length > PairingFormat.MAX_BODY) {
            throw new ProtocolViolationException("pairing message length " + length + " > max " + PairingFormat.MAX_BODY);
        }
        ByteBuffer body = readFully(length, "a message body");
        if (type == PairingFormat.REFUSED) {
            throw new PairingRefusedException("pairing refused: " + printable(string(body, PairingFormat.MAX_REASON_BYTES)));
        }
        if (type != expected) {
            throw new ProtocolViolationException("pairing message type " + type + ", expected " + expected);
        }
        return body;
    }

    static JPAKERound1Payload round1(ByteBuffer body) throws ProtocolViolationException {
        return parse(() -> new JPAKERound1Payload(string(body, PairingFormat.MAX_PARTICIPANT_BYTES), number(body),
                number(body), proof(body), proof(body)));
    }

    static JPAKERound2Payload round2(ByteBuffer body) throws ProtocolViolationException {
        return parse(() -> new JPAKERound2Payload(string(body, PairingFormat.MAX_PARTICIPANT_BYTES), number(body),
                proof(body)));
    }

    static JPAKERound3Payload round3(ByteBuffer body) throws ProtocolViolationException {
        return parse(() -> new JPAKERound3Payload(string(body, PairingFormat.MAX_PARTICIPANT_BYTES), number(body)));
    }

    /** The body must be used up exactly by the rounds read from it. */
    static void end(ByteBuffer body) throws ProtocolViolationException {
        if (body.hasRemaining()) {
            throw new ProtocolViolationException(body.remaining() + " bytes after the last field of a pairing message");
        }
    }

    private interface Parse<T> {
        T run() throws ProtocolViolationException;
    }

    private static <T> T parse(Parse<T> parse) throws ProtocolViolationException {
        try {
            return parse.run();
        } catch (BufferUnderflowException e) {
            throw new ProtocolViolationException("pairing message ends inside a field");
        }
    }

    private static BigInteger[] proof(ByteBuffer body) throws ProtocolViolationException {
        return new BigInteger[] {number(body), number(body)};
    }

    private static BigInteger number(ByteBuffer body) throws ProtocolViolationException {
        int length = Short.toUnsignedInt(body.getShort());
        if (length < 1 || length > PairingFormat.MAX_NUMBER_BYTES) {
            throw new ProtocolViolationException("number of " + length + " bytes outside 1.." + PairingFormat.MAX_NUMBER_BYTES);
        }
        byte[] bytes = new byte[length];
        body.get(bytes);
        return new BigInteger(bytes);
    }

    private static String string(ByteBuffer body, int max) throws ProtocolViolationException {
        int length = Byte.toUnsignedInt(body.get());
        if (length > max) {
            throw new ProtocolViolationException("text of " + length + " bytes > max " + max);
        }
        byte[] bytes = new byte[length];
        body.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** A peer's text reaches a terminal: only printable ASCII goes through. */
    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> out.append(c >= 0x20 && c < 0x7F ? (char) c : '?'));
        return out.toString();
    }

    ByteBuffer readFully(int length, String what) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (in.read(buffer) < 0) {
                throw new EOFException("peer closed the connection inside " + what + " of the pairing");
            }
        }
        return buffer.flip();
    }
}
