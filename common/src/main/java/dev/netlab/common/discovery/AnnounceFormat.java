package dev.netlab.common.discovery;

/**
 * The LAN discovery datagram, one format for both tools. Every datagram starts with the same
 * six bytes; an ANNOUNCE says who is serving what, a QUERY asks every announcer to announce at
 * once. All integers are big-endian; strings are a one-byte length then the bytes.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +---------------------------------------------------------------+
 * |                    magic "NLDS" 0x4E4C4453                    |
 * +---------------+---------------+-------------------------------+
 * |  version (1)  | kind 1=ANNOUNCE 2=QUERY                       |
 * +---------------+---------------+
 * ANNOUNCE continues:
 * +---------------------------------------------------------------+
 * |                instance id (8 bytes, random per start)        |
 * |                                                               |
 * +---------------+-------------------------------+---------------+
 * | transport 6|17|         service port          |
 * +---------------+-------------------------------+---------------+
 * |  rendezvous id (0..9999, 0xFFFF none)  | fingerprint length 0|32
 * +---------------------------------------------------------------+
 * |          fingerprint: SHA-256 of the TLS certificate          |
 * +---------------+-----------------------------------------------+
 * | tool length   | tool: 1..16 bytes of [a-z]                    |
 * +---------------+-----------------------------------------------+
 * | version length| tool version: 1..32 printable ASCII bytes     |
 * +---------------+-----------------------------------------------+
 * | name length   | name: 1..64 bytes of UTF-8, no control chars  |
 * +---------------+-----------------------------------------------+
 * QUERY continues:
 * +---------------+-----------------------------------------------+
 * | tool length   | tool wanted: 0 (any) ..16 bytes of [a-z]      |
 * +---------------+-----------------------------------------------+
 * </pre>
 *
 * A datagram longer than {@link #MAX_DATAGRAM}, or with any byte left over after its last field,
 * is refused. Nothing in it is secret and nothing in it is believed: the pairing proves who is
 * there.
 */
public final class AnnounceFormat {

    /** "NLDS": NetLab DiScovery. */
    public static final int MAGIC = 0x4E4C4453;
    public static final int VERSION = 1;

    public static final int KIND_ANNOUNCE = 1;
    public static final int KIND_QUERY = 2;

    public static final int MAGIC_OFFSET = 0;
    public static final int VERSION_OFFSET = MAGIC_OFFSET + Integer.BYTES;
    public static final int KIND_OFFSET = VERSION_OFFSET + Byte.BYTES;
    public static final int HEADER_LENGTH = KIND_OFFSET + Byte.BYTES;

    public static final int INSTANCE_OFFSET = HEADER_LENGTH;
    public static final int TRANSPORT_OFFSET = INSTANCE_OFFSET + Long.BYTES;
    public static final int PORT_OFFSET = TRANSPORT_OFFSET + Byte.BYTES;
    public static final int RENDEZVOUS_OFFSET = PORT_OFFSET + Short.BYTES;
    public static final int FINGERPRINT_LENGTH_OFFSET = RENDEZVOUS_OFFSET + Short.BYTES;
    /** Where the variable part (fingerprint, then the three strings) begins. */
    public static final int FIXED_ANNOUNCE_LENGTH = FINGERPRINT_LENGTH_OFFSET + Byte.BYTES;

    public static final int FINGERPRINT_BYTES = 32;
    public static final int MAX_TOOL_BYTES = 16;
    public static final int MAX_VERSION_BYTES = 32;
    public static final int MAX_NAME_BYTES = 64;
    /** The rendezvous id is shown as four digits. */
    public static final int MAX_RENDEZVOUS_ID = 9999;
    public static final int NO_RENDEZVOUS_ID = 0xFFFF;

    /** The largest well-formed announce, with every field at its maximum. */
    public static final int MAX_ANNOUNCE_LENGTH = FIXED_ANNOUNCE_LENGTH + FINGERPRINT_BYTES
            + 1 + MAX_TOOL_BYTES + 1 + MAX_VERSION_BYTES + 1 + MAX_NAME_BYTES;
    /** Anything longer than this is counted as oversized without being parsed. */
    public static final int MAX_DATAGRAM = 256;

    static {
        if (MAX_ANNOUNCE_LENGTH > MAX_DATAGRAM) {
            throw new AssertionError("MAX_DATAGRAM " + MAX_DATAGRAM + " < largest announce " + MAX_ANNOUNCE_LENGTH);
        }
    }

    private AnnounceFormat() {
    }
}
