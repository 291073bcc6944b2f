package dev.netlab.livestream.rtp;

/**
 * The livestream datagram. Every field is big-endian; every datagram, media or control,
 * starts with the same 20-byte header.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  version = 2  |     type      |     flags     |   stream id   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |        sequence number        |        payload length         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                        media timestamp                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                          session id                           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                      checksum (CRC-32C)                       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    payload (payload length) ...               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <ul>
 *   <li>type: {@link PacketType}; flags: {@link #FLAG_RETRANSMISSION}, {@link #FLAG_END_OF_STREAM}
 *       (on the last audio packet of a live source), other bits zero.</li>
 *   <li>stream id: {@link StreamId} for media, FEC, NACK and receiver reports; 0 otherwise.
 *       Audio and frames each have their own sequence space.</li>
 *   <li>sequence: per stream, +1 per packet, wraps at 65536, random start (as RTP).</li>
 *   <li>media timestamp: audio, the index of the packet's first sample frame; frames, the
 *       frame number. Control messages carry 0.</li>
 *   <li>session id: chosen at random by the server per broadcast; a datagram with another id
 *       is foreign. A subscribe carries 0.</li>
 *   <li>payload length must equal the datagram length minus the header: a datagram that
 *       disagrees is malformed, which also rejects nearly all random garbage.</li>
 *   <li>checksum: CRC-32C of the whole datagram with this field taken as 0. UDP's own checksum
 *       is optional on IPv4 and only 16 bits; this one makes a corrupted datagram (a bad NIC,
 *       {@code impair --corrupt}) malformed, so it is recovered or concealed, never played.</li>
 * </ul>
 *
 * <p>Payloads by type:
 * <pre>
 * AUDIO           16-bit PCM, interleaved, little-endian as in the WAV (whole sample frames)
 * FRAME_FRAGMENT  u16 fragment index | u16 fragment count | JPEG bytes [index*MAX_FRAGMENT_DATA ..]
 * FEC_REPAIR      the FEC encoder's repair payload, opaque here (stream id = protected stream)
 * SUBSCRIBE       16 bytes cookie (all zero: asking for a CHALLENGE)
 * CHALLENGE       16 bytes cookie (server to an address not yet validated)
 * WELCOME         16 bytes proof (server to a validated subscriber)
 * HEARTBEAT       16 bytes proof | u64 token (a receiver's clock; the server echoes it back in a
 *                 HEARTBEAT, whose proof field is then all zero)
 * GOODBYE         16 bytes proof
 * RECEIVER_REPORT 16 bytes proof | u8 fraction lost | u24 cumulative lost | u32 extended highest
 *                 sequence | u32 interarrival jitter (microseconds) | u32 concealed |
 *                 u16 playout delay (ms) | u16 0
 * NACK            16 bytes proof | u16 count | count x u16 missing sequence
 * SESSION_INFO    u32 sample rate | u8 channels | u8 flags (1 = loop, 2 = frames) |
 *                 u16 samples per packet | u32 audio sample frames in the source (0: a live
 *                 source of unknown length, which ends at its END_OF_STREAM audio packet) |
 *                 u16 first audio sequence | u16 first frame sequence |
 *                 u32 first audio packet number | u32 first frame number | u32 fps x 1000 |
 *                 u32 frames in the source | u8 n | n bytes FEC scheme (ASCII)
 * SERVER_GOODBYE  u8 reason ({@link GoodbyeReason})
 * </pre>
 *
 * <p>Joining (version 2; version 1 subscribed with one empty SUBSCRIBE and so made the server a
 * reflector: a forged source address drew the whole stream to a host that never asked):
 * <pre>
 * receiver                                   server
 *    | SUBSCRIBE cookie = 0          36 B -->  |  rate-limited per source IP and in total
 *    | &lt;-- CHALLENGE cookie C           36 B  |  C = HMAC-SHA256(secret, slot | port | IP)[0..16)
 *    | SUBSCRIBE cookie = C          36 B -->  |  C checked for this slot and the one before
 *    | &lt;-- WELCOME proof P             36 B  |  P random per subscriber, kept in its table entry
 *    | &lt;-- SESSION_INFO, then media         |
 *    | HEARTBEAT / RECEIVER_REPORT / NACK / GOODBYE carrying P --> | P checked, else dropped
 * </pre>
 * Until the cookie comes back, an address gets nothing but a CHALLENGE no larger than the
 * SUBSCRIBE that asked for it (or, to a SUBSCRIBE of another version, one SERVER_GOODBYE
 * VERSION_MISMATCH): never more than three times the bytes it sent, as RFC 9000 section 8
 * allows QUIC. Every version keeps the version byte, the type byte and the checksum where
 * version 1 had them, so an intact datagram of another version is recognised
 * ({@link UnsupportedVersionException}) and reported instead of ignored.
 */
public final class PacketFormat {

    public static final int VERSION = 2;

    public static final int VERSION_OFFSET = 0;
    public static final int TYPE_OFFSET = VERSION_OFFSET + Byte.BYTES;
    public static final int FLAGS_OFFSET = TYPE_OFFSET + Byte.BYTES;
    public static final int STREAM_OFFSET = FLAGS_OFFSET + Byte.BYTES;
    public static final int SEQUENCE_OFFSET = STREAM_OFFSET + Byte.BYTES;
    public static final int LENGTH_OFFSET = SEQUENCE_OFFSET + Short.BYTES;
    public static final int TIMESTAMP_OFFSET = LENGTH_OFFSET + Short.BYTES;
    public static final int SESSION_OFFSET = TIMESTAMP_OFFSET + Integer.BYTES;
    public static final int CHECKSUM_OFFSET = SESSION_OFFSET + Integer.BYTES;
    public static final int HEADER_LENGTH = CHECKSUM_OFFSET + Integer.BYTES;

    /**
     * Largest datagram livestream sends or accepts: 1200 bytes stays under every common path
     * MTU (1280 for IPv6 minus IP/UDP headers, tunnels, PPPoE), so nothing relies on IP
     * fragmentation, where losing one fragment loses the whole datagram.
     */
    public static final int MAX_DATAGRAM_LENGTH = 1200;
    public static final int MAX_PAYLOAD_LENGTH = MAX_DATAGRAM_LENGTH - HEADER_LENGTH;

    public static final int FLAG_RETRANSMISSION = 0x01;
    /** The last audio packet of a live source: its length was not known in advance; it may be short. */
    public static final int FLAG_END_OF_STREAM = 0x02;
    public static final int KNOWN_FLAGS = FLAG_RETRANSMISSION | FLAG_END_OF_STREAM;

    public static final int FRAGMENT_INDEX_OFFSET = 0;
    public static final int FRAGMENT_COUNT_OFFSET = FRAGMENT_INDEX_OFFSET + Short.BYTES;
    public static final int FRAGMENT_HEADER_LENGTH = FRAGMENT_COUNT_OFFSET + Short.BYTES;
    /** JPEG bytes per fragment. */
    public static final int MAX_FRAGMENT_DATA = MAX_PAYLOAD_LENGTH - FRAGMENT_HEADER_LENGTH;
    /** Most fragments per frame: enough for FrameSequence.MAX_FRAME_BYTES. */
    public static final int MAX_FRAGMENTS = 1024;

    /** A return-path cookie: a truncated HMAC-SHA256, 128 bits as in SRT and QUIC tokens. */
    public static final int COOKIE_LENGTH = 16;
    /** A subscriber's proof: 128 random bits, never guessed within a subscription's life. */
    public static final int PROOF_LENGTH = 16;
    public static final int SUBSCRIBE_LENGTH = COOKIE_LENGTH;
    public static final int CHALLENGE_LENGTH = COOKIE_LENGTH;
    public static final int WELCOME_LENGTH = PROOF_LENGTH;
    public static final int GOODBYE_LENGTH = PROOF_LENGTH;
    public static final int HEARTBEAT_LENGTH = PROOF_LENGTH + Long.BYTES;
    public static final int RECEIVER_REPORT_LENGTH = PROOF_LENGTH + 4 + 4 + 4 + 4 + 2 + 2;
    public static final int NACK_COUNT_LENGTH = Short.BYTES;
    public static final int NACK_FIXED_LENGTH = PROOF_LENGTH + NACK_COUNT_LENGTH;
    /** Most sequences one NACK may list (fits the payload budget). */
    public static final int MAX_NACK_ENTRIES = (MAX_PAYLOAD_LENGTH - NACK_FIXED_LENGTH) / Short.BYTES;
    public static final int SESSION_INFO_FIXED_LENGTH = 4 + 1 + 1 + 2 + 4 + 2 + 2 + 4 + 4 + 4 + 4 + 1;
    public static final int MAX_FEC_SPEC_LENGTH = 64;
    public static final int SERVER_GOODBYE_LENGTH = 1;

    public static final int SESSION_FLAG_LOOP = 0x01;
    public static final int SESSION_FLAG_FRAMES = 0x02;

    private PacketFormat() {
    }
}
