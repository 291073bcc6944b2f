package dev.netlab.filetransfer.pairing;

import dev.netlab.common.frame.ProtocolViolationException;
import dev.netlab.filetransfer.tls.Fingerprint;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.agreement.ecjpake.ECJPAKEParticipant;
import org.bouncycastle.crypto.agreement.ecjpake.ECJPAKERound1Payload;
import org.bouncycastle.crypto.agreement.ecjpake.ECJPAKERound2Payload;
import org.bouncycastle.crypto.agreement.ecjpake.ECJPAKERound3Payload;
import org.bouncycastle.crypto.digests.SHA256Digest;

/**
 * Both sides of one pairing ({@link PairingFormat}): EC J-PAKE from BouncyCastle with the code as
 * password, each participant named after the server certificate's fingerprint as its side knows
 * it, and the confirmation MAC keyed by {@link #bind} of the keying material and that fingerprint.
 * Runs on the channels of an established TLS connection; one exchange per call.
 */
final class PairingExchange {

    private static final byte[] BIND_LABEL = ("netlab filetransfer pairing " + PairingFormat.VERSION)
            .getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private PairingExchange() {
    }

    /**
     * Client side: returns when the server has proven it knows {@code code} over a TLS connection
     * whose certificate is {@code seen}.
     *
     * @throws PairingRefusedException for a wrong code or a server that fails its proof
     */
    static void asClient(ReadableByteChannel in, WritableByteChannel out, PairingCode code, Fingerprint seen)
            throws IOException {
        char[] secret = code.secret();
        try {
            ECJPAKEParticipant me = participant(PairingFormat.CLIENT_ROLE + seen, secret);
            PairingWriter writer = new PairingWriter(out);
            PairingReader reader = new PairingReader(in);
            writer.opening();
            writer.helloRound1(me.createRound1PayloadToSend());
            ByteBuffer body = reader.expect(PairingFormat.ROUNDS_1_2);
            ECJPAKERound1Payload round1 = PairingReader.round1(body);
            ECJPAKERound2Payload round2 = PairingReader.round2(body);
            PairingReader.end(body);
            if (!round1.getParticipantId().equals(PairingFormat.SERVER_ROLE + seen)) {
                throw new PairingRefusedException("pairing refused: the server paired as another TLS identity than the "
                        + seen + " it presented; someone may be intercepting the connection");
            }
            validate(() -> me.validateRound1PayloadReceived(round1));
            ECJPAKERound2Payload myRound2 = me.createRound2PayloadToSend();
            validate(() -> me.validateRound2PayloadReceived(round2));
            BigInteger key = bind(me.calculateKeyingMaterial(), seen);
            writer.rounds23(myRound2, me.createRound3PayloadToSend(key));
            ByteBuffer last = reader.expect(PairingFormat.ROUND_3);
            ECJPAKERound3Payload round3 = PairingReader.round3(last);
            PairingReader.end(last);
            try {
                me.validateRound3PayloadReceived(round3, key);
            } catch (CryptoException e) {
                throw new PairingRefusedException("pairing refused: the server at the other end could not prove it"
                        + " knows the code; someone may be intercepting the connection");
            }
        } finally {
            Arrays.fill(secret, '\0');
        }
    }

    /** How a server-side exchange ended. */
    enum Outcome { PAIRED, WRONG_CODE, OTHER_CERTIFICATE }

    /**
     * Server side, after the opening has been read. A wrong code or a client that saw another
     * certificate is returned as the outcome, for the caller to count and then {@link #refuse};
     * a malformed message is thrown.
     */
    static Outcome asServer(ReadableByteChannel in, WritableByteChannel out, PairingCode code, Fingerprint own)
            throws IOException {
        char[] secret = code.secret();
        try {
            ECJPAKEParticipant me = participant(PairingFormat.SERVER_ROLE + own, secret);
            PairingWriter writer = new PairingWriter(out);
            PairingReader reader = new PairingReader(in);
            ByteBuffer hello = reader.expect(PairingFormat.HELLO_ROUND_1);
            ECJPAKERound1Payload round1 = PairingReader.round1(hello);
            PairingReader.end(hello);
            if (!round1.getParticipantId().equals(PairingFormat.CLIENT_ROLE + own)) {
                return Outcome.OTHER_CERTIFICATE;
            }
            ECJPAKERound1Payload myRound1 = me.createRound1PayloadToSend();
            validate(() -> me.validateRound1PayloadReceived(round1));
            writer.rounds12(myRound1, me.createRound2PayloadToSend());
            ByteBuffer body = reader.expect(PairingFormat.ROUNDS_2_3);
            ECJPAKERound2Payload round2 = PairingReader.round2(body);
            ECJPAKERound3Payload round3 = PairingReader.round3(body);
            PairingReader.end(body);
            validate(() -> me.validateRound2PayloadReceived(round2));
            BigInteger key = bind(me.calculateKeyingMaterial(), own);
            ECJPAKERound3Payload myRound3 = me.createRound3PayloadToSend(key); // BouncyCastle wants it made first
            try {
                me.validateRound3PayloadReceived(round3, key);
            } catch (CryptoException e) {
                return Outcome.WRONG_CODE;
            }
            writer.round3Only(myRound3);
            return Outcome.PAIRED;
        } finally {
            Arrays.fill(secret, '\0');
        }
    }

    /** Tells the client why it was refused, after the caller has counted the failure. */
    static void refuse(WritableByteChannel out, Outcome outcome, Fingerprint own) throws IOException {
        new PairingWriter(out).refused(outcome == Outcome.WRONG_CODE ? "wrong code"
                : "the client saw another TLS certificate than this server's " + own
                        + "; someone may be intercepting the connection");
    }

    private static ECJPAKEParticipant participant(String id, char[] secret) {
        return new ECJPAKEParticipant(id, secret, PairingFormat.CURVE, new SHA256Digest(), RANDOM);
    }

    private interface Validation {
        void run() throws CryptoException;
    }

    /** A proof that does not verify is a broken message, not a wrong code: J-PAKE's proofs hold for any password. */
    private static void validate(Validation validation) throws ProtocolViolationException {
        try {
            validation.run();
        } catch (CryptoException | IllegalStateException e) {
            throw new ProtocolViolationException("pairing message refused: " + e.getMessage());
        }
    }

    /** The confirmation key: SHA-256 over a label, the keying material and the fingerprint. */
    static BigInteger bind(BigInteger keyingMaterial, Fingerprint fingerprint) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(BIND_LABEL);
            sha256.update(keyingMaterial.toByteArray());
            sha256.update(fingerprint.digest());
            return new BigInteger(1, sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime must provide SHA-256", e);
        }
    }
}
