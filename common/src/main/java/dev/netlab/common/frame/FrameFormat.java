package dev.netlab.common.frame;

/**
 * The netlab frame: a typed, length-prefixed unit on a TCP stream. Every field is big-endian.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         magic 'N' 'L'         |    version    |     type      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |             flags             |        payload length ...     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   ... payload length          |   payload (length bytes) ...  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>The magic and version on every frame, not only the first, let a reader notice at once when
 * it has lost frame alignment or is talking to something that is not netlab (a TLS client, an
 * HTTP probe, random bytes) instead of trusting a garbage length. The type's meaning belongs to
 * the protocol that uses the frames; flags are the protocol's too.
 */
public final class FrameFormat {

    /** "NL" in ASCII. */
    public static final short MAGIC = 0x4E4C;
    public static final byte VERSION = 1;

    public static final int MAGIC_OFFSET = 0;
    public static final int MAGIC_SIZE = Short.BYTES;
    public static final int VERSION_OFFSET = MAGIC_OFFSET + MAGIC_SIZE;
    public static final int VERSION_SIZE = Byte.BYTES;
    public static final int TYPE_OFFSET = VERSION_OFFSET + VERSION_SIZE;
    public static final int TYPE_SIZE = Byte.BYTES;
    public static final int FLAGS_OFFSET = TYPE_OFFSET + TYPE_SIZE;
    public static final int FLAGS_SIZE = Short.BYTES;
    public static final int LENGTH_OFFSET = FLAGS_OFFSET + FLAGS_SIZE;
    public static final int LENGTH_SIZE = Integer.BYTES;
    public static final int HEADER_LENGTH = LENGTH_OFFSET + LENGTH_SIZE;

    /**
     * The largest payload any netlab protocol may use: a 16 MiB file chunk plus room for its
     * own small header. Each reader is given its own, usually smaller, cap.
     */
    public static final int MAX_PAYLOAD_LENGTH = 16 * 1024 * 1024 + 64 * 1024;

    private FrameFormat() {
    }
}
