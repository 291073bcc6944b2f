package dev.netlab.filetransfer.pairing;

import dev.netlab.common.frame.FrameFormat;
import dev.netlab.common.frame.ProtocolViolationException;
import java.io.EOFException;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.math.BigInteger;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.bouncycastle.crypto.agreement.ecjpake.ECJPAKERound1Payload;
import org.bouncycastle.crypto.agreement.ecjpake.ECJPAKERound2Payload;
import org.bouncycastle.crypto.agreement.ecjpake.ECJPAKERound3Payload;
import org.bouncycastle.crypto.agreement.ecjpake.ECSchnorrZKP;
import org.bouncycastle.math.ec.ECPoint;

/**
 * Reads pairing messages ({@link PairingFormat}) from one channel. Every length is checked
 * against its cap before anything is allocated; a broken rule is a
 * {@link ProtocolViolationException} naming it, and a REFUSED from the peer a
 * {@link PairingRefusedException}. Not thread-safe.
 */
final class PairingReader {

    /**
     * BouncyCastle (1.87) keeps the constructor of its EC J-PAKE proof package-private, as if
     * payloads never left the process; a proof read off the wire is made through it by
     * reflection. Only the holder of V and r is made here: BouncyCastle still checks the proof.
     */
    private static final Constructor<ECSchnorrZKP> PROOF = proofConstructor();

    private final ReadableByteChannel in;

    PairingReader(ReadableByteChannel in) {
        this.in = in;
    }

    /** The rest of the opening after the magic, which the caller has read to recognise a pairing client. */
    int openingVersion() throws IOException {
        return Byte.toUnsignedInt(readFully(Byte.BYTES, "the opening").get());
    }

    /** The next message, which must be of {@code expected} type (or REFUSED, thrown). */
    ByteBuffer expect(int expected) throws IOException {
        ByteBuffer header = readFully(PairingFormat.HEADER_LENGTH, "a message header");
        if (header.getShort(0) == FrameFormat.MAGIC) {
            // A server of pairing version 1 refuses any other version in a transfer-protocol ERROR.
            throw new PairingRefusedException("pairing refused: the server does not speak pairing version "
                    + PairingFormat.VERSION + "; it may run an older netlab");
        }
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

    static ECJPAKERound1Payload round1(ByteBuffer body) throws ProtocolViolationException {
        return parse(() -> new ECJPAKERound1Payload(string(body, PairingFormat.MAX_PARTICIPANT_BYTES), point(body),
                point(body), proof(body), proof(body)));
    }

    static ECJPAKERound2Payload round2(ByteBuffer body) throws ProtocolViolationException {
        return parse(() -> new ECJPAKERound2Payload(string(body, PairingFormat.MAX_PARTICIPANT_BYTES), point(body),
                proof(body)));
    }

    static ECJPAKERound3Payload round3(ByteBuffer body) throws ProtocolViolationException {
        return parse(() -> new ECJPAKERound3Payload(string(body, PairingFormat.MAX_PARTICIPANT_BYTES), number(body)));
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

    private static ECSchnorrZKP proof(ByteBuffer body) throws ProtocolViolationException {
        ECPoint v = point(body);
        BigInteger r = number(body);
        try {
            return PROOF.newInstance(v, r);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("BouncyCastle's EC J-PAKE proof could not be made", e);
        }
    }

    /** Decoding checks that the point is on the curve; 33 bytes cannot encode the infinity. */
    private static ECPoint point(ByteBuffer body) throws ProtocolViolationException {
        byte[] bytes = new byte[PairingFormat.POINT_LENGTH];
        body.get(bytes);
        try {
            return PairingFormat.CURVE.getCurve().decodePoint(bytes);
        } catch (IllegalArgumentException e) {
            throw new ProtocolViolationException("pairing point " + HexFormat.of().formatHex(bytes, 0, 4)
                    + "... is not a compressed point on P-256");
        }
    }

    private static BigInteger number(ByteBuffer body) throws ProtocolViolationException {
        int length = Byte.toUnsignedInt(body.get());
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

    private static Constructor<ECSchnorrZKP> proofConstructor() {
        try {
            Constructor<ECSchnorrZKP> constructor = ECSchnorrZKP.class.getDeclaredConstructor(ECPoint.class,
                    BigInteger.class);
            constructor.setAccessible(true);
            return constructor;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("this BouncyCastle's EC J-PAKE proof has no constructor the pairing can use",
                    e);
        }
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
