package dev.netlab.filetransfer.protocol;

/**
 * Why a request, a file or a whole connection was refused. Travels in ERROR and RESULT
 * messages as a u16; unknown values read as {@link #UNKNOWN} so a newer peer's codes still
 * reach the user as text.
 */
public enum ErrorCode {
    NONE(0),
    UNKNOWN(1),
    PROTOCOL_VIOLATION(2),
    UNSUPPORTED_VERSION(3),
    BAD_MAGIC(4),
    AUTH_REQUIRED(5),
    AUTH_FAILED(6),
    PATH_REFUSED(7),
    FILE_TOO_LARGE(8),
    NO_SPACE(9),
    TOO_MANY_FILES(10),
    EXISTS(11),
    BUSY(12),
    CHUNK_RETRIES_EXHAUSTED(13),
    DIGEST_MISMATCH(14),
    IO_ERROR(15),
    NOT_FOUND(16),
    TIMEOUT(17),
    /** The source kept changing (or vanished) while the sender read it; nothing was stored. */
    SOURCE_CHANGED(18),
    /** Not final: the source changed while it was read, the receiver dropped it, the sender starts it again. */
    SOURCE_RESTARTED(19);

    private final int wire;

    ErrorCode(int wire) {
        this.wire = wire;
    }

    public int wire() {
        return wire;
    }

    public static ErrorCode fromWire(int wire) {
        for (ErrorCode code : values()) {
            if (code.wire == wire) {
                return code;
            }
        }
        return UNKNOWN;
    }
}
