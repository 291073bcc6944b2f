package dev.netlab.filetransfer.pairing;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.agreement.ecjpake.ECJPAKERound1Payload;
import org.bouncycastle.crypto.agreement.ecjpake.ECJPAKERound2Payload;
import org.bouncycastle.crypto.agreement.ecjpake.ECJPAKERound3Payload;
import org.bouncycastle.crypto.agreement.ecjpake.ECSchnorrZKP;
import org.bouncycastle.math.ec.ECPoint;

/** Writes pairing messages ({@link PairingFormat}) to one channel. Not thread-safe. */
final class PairingWriter {

    private final WritableByteChannel out;
    private final ByteBuffer body = ByteBuffer.allocate(PairingFormat.MAX_BODY);

    PairingWriter(WritableByteChannel out) {
        this.out = out;
    }

    void opening() throws IOException {
        writeFully(ByteBuffer.allocate(PairingFormat.OPENING_LENGTH).putInt(PairingFormat.MAGIC)
                .put((byte) PairingFormat.VERSION).flip());
    }

    void helloRound1(ECJPAKERound1Payload round1) throws IOException {
        body.clear();
        round1(round1);
        send(PairingFormat.HELLO_ROUND_1);
    }

    void rounds12(ECJPAKERound1Payload round1, ECJPAKERound2Payload round2) throws IOException {
        body.clear();
        round1(round1);
        round2(round2);
        send(PairingFormat.ROUNDS_1_2);
    }

    void rounds23(ECJPAKERound2Payload round2, ECJPAKERound3Payload round3) throws IOException {
        body.clear();
        round2(round2);
        round3(round3);
        send(PairingFormat.ROUNDS_2_3);
    }

    void round3Only(ECJPAKERound3Payload round3) throws IOException {
        body.clear();
        round3(round3);
        send(PairingFormat.ROUND_3);
    }

    void refused(String reason) throws IOException {
        body.clear();
        string(reason, PairingFormat.MAX_REASON_BYTES);
        send(PairingFormat.REFUSED);
    }

    private void round1(ECJPAKERound1Payload p) {
        string(p.getParticipantId(), PairingFormat.MAX_PARTICIPANT_BYTES);
        point(p.getGx1());
        point(p.getGx2());
        proof(p.getKnowledgeProofForX1());
        proof(p.getKnowledgeProofForX2());
    }

    private void round2(ECJPAKERound2Payload p) {
        string(p.getParticipantId(), PairingFormat.MAX_PARTICIPANT_BYTES);
        point(p.getA());
        proof(p.getKnowledgeProofForX2s());
    }

    private void round3(ECJPAKERound3Payload p) {
        string(p.getParticipantId(), PairingFormat.MAX_PARTICIPANT_BYTES);
        number(p.getMacTag());
    }

    private void proof(ECSchnorrZKP proof) {
        point(proof.getV());
        number(proof.getr());
    }

    private void point(ECPoint p) {
        body.put(p.getEncoded(true));
    }

    private void number(BigInteger n) {
        byte[] bytes = n.toByteArray();
        if (bytes.length > PairingFormat.MAX_NUMBER_BYTES) {
            throw new IllegalStateException("number of " + bytes.length + " bytes > max " + PairingFormat.MAX_NUMBER_BYTES);
        }
        body.put((byte) bytes.length).put(bytes);
    }

    private void string(String text, int max) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int length = Math.min(bytes.length, max);
        body.put((byte) length).put(bytes, 0, length);
    }

    private void send(int type) throws IOException {
        body.flip();
        ByteBuffer header = ByteBuffer.allocate(PairingFormat.HEADER_LENGTH).put((byte) type)
                .putShort((short) body.remaining()).flip();
        writeFully(header);
        writeFully(body);
    }

    private void writeFully(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
    }
}
