package dev.netlab.livestream.fec;

/**
 * The FEC repair payload. Every field is big-endian. It is carried as the payload of a repair
 * datagram of the livestream protocol (the packet header around it is not part of this format).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  magic 0xFE   |version| kind  |     base sequence number      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     step      |     count     | repair index  |  reserved (0) |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  group check (CRC-32C)                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |        length recovery        |  payload recovery ...         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+                               |
 * |  (as long as the longest protected datagram)                  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <ul>
 *   <li>version (4 bits) is {@link #VERSION}; kind (4 bits) is a {@link RepairKind} wire value.</li>
 *   <li>The group protects the {@code count} source datagrams with sequence numbers
 *       {@code base + i * step} (mod 65536), {@code i = 0 .. count-1}. A row has step 1, a column
 *       of an L x D block has step L.</li>
 *   <li>repair index: 0 for XOR; for Reed-Solomon the repair's row i of the Cauchy matrix.</li>
 *   <li>group check: CRC-32C over the symbols (below, unpadded) of all members in order. A
 *       decoder rebuilds only when the rebuilt group matches it, so a corrupted repair, a
 *       corrupted member or a forged header never yields wrong bytes passed off as recovered
 *       (XOR alone cannot tell).</li>
 *   <li>Each source datagram is first made a <em>symbol</em>: its length as u16 followed by its
 *       bytes, zero-padded to the longest in the group. The recovery fields are the combination
 *       of those symbols: for XOR kinds their XOR, so "length recovery" is the XOR of the
 *       lengths and "payload recovery" the XOR of the padded datagrams, as in RFC 5109; for
 *       Reed-Solomon the sum over GF(256) of symbol j times {@code 1 / ((128 + i) xor j)}.</li>
 * </ul>
 *
 * <p>A rebuilt symbol is accepted only if its length fits in it, its padding is all zero and
 * the group check matches.
 */
public final class RepairFormat {

    public static final int MAGIC = 0xFE;
    public static final int VERSION = 1;

    public static final int MAGIC_OFFSET = 0;
    public static final int MAGIC_SIZE = Byte.BYTES;
    /** Version in the high nibble, kind in the low nibble. */
    public static final int VERSION_KIND_OFFSET = MAGIC_OFFSET + MAGIC_SIZE;
    public static final int VERSION_KIND_SIZE = Byte.BYTES;
    public static final int BASE_SEQUENCE_OFFSET = VERSION_KIND_OFFSET + VERSION_KIND_SIZE;
    public static final int BASE_SEQUENCE_SIZE = Short.BYTES;
    public static final int STEP_OFFSET = BASE_SEQUENCE_OFFSET + BASE_SEQUENCE_SIZE;
    public static final int STEP_SIZE = Byte.BYTES;
    public static final int COUNT_OFFSET = STEP_OFFSET + STEP_SIZE;
    public static final int COUNT_SIZE = Byte.BYTES;
    public static final int INDEX_OFFSET = COUNT_OFFSET + COUNT_SIZE;
    public static final int INDEX_SIZE = Byte.BYTES;
    public static final int RESERVED_OFFSET = INDEX_OFFSET + INDEX_SIZE;
    public static final int RESERVED_SIZE = Byte.BYTES;
    public static final int GROUP_CHECK_OFFSET = RESERVED_OFFSET + RESERVED_SIZE;
    public static final int GROUP_CHECK_SIZE = Integer.BYTES;
    public static final int HEADER_LENGTH = GROUP_CHECK_OFFSET + GROUP_CHECK_SIZE;

    /** The recovered symbol starts here: first its length field, then the datagram bytes. */
    public static final int SYMBOL_OFFSET = HEADER_LENGTH;
    public static final int LENGTH_RECOVERY_OFFSET = SYMBOL_OFFSET;
    public static final int LENGTH_RECOVERY_SIZE = Short.BYTES;
    public static final int PAYLOAD_RECOVERY_OFFSET = LENGTH_RECOVERY_OFFSET + LENGTH_RECOVERY_SIZE;

    /**
     * The longest source datagram that can be protected: an Ethernet MTU. Media datagrams stay
     * near 1200 bytes, so this leaves room for headers while capping every allocation.
     */
    public static final int MAX_SOURCE_PACKET_LENGTH = 1500;
    public static final int MAX_SYMBOL_LENGTH = LENGTH_RECOVERY_SIZE + MAX_SOURCE_PACKET_LENGTH;
    public static final int MIN_REPAIR_LENGTH = PAYLOAD_RECOVERY_OFFSET;
    public static final int MAX_REPAIR_LENGTH = SYMBOL_OFFSET + MAX_SYMBOL_LENGTH;

    private RepairFormat() {
    }
}
