package dev.netlab.filetransfer.pairing;

import org.bouncycastle.crypto.agreement.ecjpake.ECJPAKECurve;
import org.bouncycastle.crypto.agreement.ecjpake.ECJPAKECurves;

/**
 * The pairing exchange, spoken inside TLS 1.3 before the transfer protocol's HELLO. It is
 * elliptic-curve J-PAKE (RFC 8236; BouncyCastle, NIST P-256, SHA-256) in two round trips, the
 * third round being key confirmation bound to the server certificate's fingerprint. The client
 * opens with five bytes that no transfer-protocol client sends, so the server can tell a pairing
 * client from a token-holding one by them.
 *
 * <pre>
 * client opens with:   magic "NLPK" 0x4E4C504B (4) | version 2 (1)
 * then each message:   type (1) | body length (2, at most MAX_BODY) | body
 *
 *   C -> S  1 HELLO_ROUND_1   round1
 *   S -> C  2 ROUNDS_1_2      round1 round2
 *   C -> S  3 ROUNDS_2_3      round2 round3
 *   S -> C  4 ROUND_3         round3               (the server paired)
 *   S -> C  5 REFUSED         reason: length (1) + UTF-8, in place of 2 or 4
 *
 * round1 = participant | G*x1 | G*x2 | proof x1 | proof x2
 * round2 = participant | A | proof x2*s
 * round3 = participant | MAC tag (number)
 * proof  = V (point) | r (number): a Schnorr proof of knowledge (RFC 8235)
 * participant = length (1) + UTF-8: "netlab-ft-client SHA256:..." or "netlab-ft-server SHA256:...",
 *               the fingerprint being the certificate the client saw (the server puts its own)
 * point  = POINT_LENGTH (33) bytes: SEC1 compressed, 0x02 or 0x03 then x; never the infinity
 * number = length (1, 1..MAX_NUMBER_BYTES) + two's-complement big-endian bytes
 * </pre>
 *
 * Each side refuses a partner whose participant names another fingerprint than the one it
 * knows, and the key-confirmation MAC is keyed with SHA-256 over the J-PAKE keying material and
 * that fingerprint: a man in the middle with its own certificate fails even if it relays every
 * message. The code itself never crosses the wire.
 *
 * <p>Versions: version 1 was J-PAKE in the 3072-bit finite-field group. A server answers an
 * opening of another version with a REFUSED that names both, and REFUSED keeps its framing in
 * every version so that any client can print why.
 */
final class PairingFormat {

    /** "NLPK": NetLab PaKe. The transfer protocol's HELLO starts otherwise. */
    static final int MAGIC = 0x4E4C504B;
    static final int VERSION = 2;
    static final int OPENING_LENGTH = Integer.BYTES + Byte.BYTES;

    static final int HELLO_ROUND_1 = 1;
    static final int ROUNDS_1_2 = 2;
    static final int ROUNDS_2_3 = 3;
    static final int ROUND_3 = 4;
    static final int REFUSED = 5;

    static final int TYPE_OFFSET = 0;
    static final int LENGTH_OFFSET = TYPE_OFFSET + Byte.BYTES;
    static final int HEADER_LENGTH = LENGTH_OFFSET + Short.BYTES;

    /**
     * 128-bit strength, as TLS's own key exchange, at a third of the 3072-bit group's cost
     * (docs/filetransfer-measurements.md, "Pairing: J-PAKE on P-256").
     */
    static final ECJPAKECurve CURVE = ECJPAKECurves.NIST_P256;

    /** A P-256 coordinate is 32 bytes; the compressed form adds the byte that picks y. */
    static final int POINT_LENGTH = 1 + 32;
    /** A P-256 scalar or a SHA-256 MAC tag is 32 bytes, 33 in two's complement. */
    static final int MAX_NUMBER_BYTES = 33;
    /** Participant names are a label and a fingerprint: about 70 bytes. */
    static final int MAX_PARTICIPANT_BYTES = 120;
    static final int MAX_REASON_BYTES = 200;
    /** The largest body, ROUNDS_1_2, is two participants, six points and three numbers: under 600 bytes. */
    static final int MAX_BODY = 1024;

    static final String CLIENT_ROLE = "netlab-ft-client ";
    static final String SERVER_ROLE = "netlab-ft-server ";

    private PairingFormat() {
    }
}
