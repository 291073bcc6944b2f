package dev.netlab.filetransfer.pairing;

/**
 * The pairing exchange, spoken inside TLS 1.3 before the transfer protocol's HELLO. It is
 * J-PAKE (BouncyCastle, the 3072-bit NIST group, SHA-256) in two round trips, the third round
 * being key confirmation bound to the server certificate's fingerprint. The client opens with
 * five bytes that no transfer-protocol client sends, so the server can tell a pairing client from
 * a token-holding one by them.
 *
 * <pre>
 * client opens with:   magic "NLPK" 0x4E4C504B (4) | version 1 (1)
 * then each message:   type (1) | body length (2, at most MAX_BODY) | body
 *
 *   C -> S  1 HELLO_ROUND_1   round1
 *   S -> C  2 ROUNDS_1_2      round1 round2
 *   C -> S  3 ROUNDS_2_3      round2 round3
 *   S -> C  4 ROUND_3         round3               (the server paired)
 *   S -> C  5 REFUSED         reason: length (1) + UTF-8, in place of 2 or 4
 *
 * round1 = participant | g^x1 | g^x2 | proof x1 (g^v, r) | proof x2 (g^v, r)
 * round2 = participant | A | proof x2*s (g^v, r)
 * round3 = participant | MAC tag
 * participant = length (1) + UTF-8: "netlab-ft-client SHA256:..." or "netlab-ft-server SHA256:...",
 *               the fingerprint being the certificate the client saw (the server puts its own)
 * number      = length (2, 1..MAX_NUMBER_BYTES) + two's-complement big-endian bytes
 * </pre>
 *
 * Each side refuses a partner whose participant names another fingerprint than the one it
 * knows, and the key-confirmation MAC is keyed with SHA-256 over the J-PAKE keying material and
 * that fingerprint: a man in the middle with its own certificate fails even if it relays every
 * message. The code itself never crosses the wire.
 */
final class PairingFormat {

    /** "NLPK": NetLab PaKe. The transfer protocol's HELLO starts otherwise. */
    static final int MAGIC = 0x4E4C504B;
    static final int VERSION = 1;
    static final int OPENING_LENGTH = Integer.BYTES + Byte.BYTES;

    static final int HELLO_ROUND_1 = 1;
    static final int ROUNDS_1_2 = 2;
    static final int ROUNDS_2_3 = 3;
    static final int ROUND_3 = 4;
    static final int REFUSED = 5;

    static final int TYPE_OFFSET = 0;
    static final int LENGTH_OFFSET = TYPE_OFFSET + Byte.BYTES;
    static final int HEADER_LENGTH = LENGTH_OFFSET + Short.BYTES;

    /** A 3072-bit group element is 385 bytes in two's complement; 400 leaves room and no more. */
    static final int MAX_NUMBER_BYTES = 400;
    /** Participant names are a label and a fingerprint: about 70 bytes. */
    static final int MAX_PARTICIPANT_BYTES = 120;
    static final int MAX_REASON_BYTES = 200;
    /** The largest body, ROUNDS_1_2, is two participants and eight numbers: under 4 KiB. */
    static final int MAX_BODY = 4096;

    static final String CLIENT_ROLE = "netlab-ft-client ";
    static final String SERVER_ROLE = "netlab-ft-server ";

    private PairingFormat() {
    }
}
