package dev.netlab.filetransfer.tls;

/**
 * The few bytes of the TLS record layer (RFC 8446 section 5.1) that netlab looks at to tell a TLS
 * peer from a plaintext one. Every TLS connection starts with a record, and a record starts with
 * its content type: a client's first byte is always {@link #CONTENT_TYPE_HANDSHAKE} (its
 * ClientHello), while a netlab frame starts with the magic 'N' (0x4E). Big-endian.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | content type  |    legacy version 0x0303      |   length ...  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  ... length   |   fragment (length bytes) ...                 |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * an alert fragment:
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     level     |  description  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class TlsRecordFormat {

    public static final int CONTENT_TYPE_ALERT = 0x15;
    public static final int CONTENT_TYPE_HANDSHAKE = 0x16;
    /** TLS 1.3 writes TLS 1.2's version number in the record header (RFC 8446 section 5.1). */
    public static final int LEGACY_RECORD_VERSION = 0x0303;

    public static final int CONTENT_TYPE_OFFSET = 0;
    public static final int CONTENT_TYPE_SIZE = Byte.BYTES;
    public static final int VERSION_OFFSET = CONTENT_TYPE_OFFSET + CONTENT_TYPE_SIZE;
    public static final int VERSION_SIZE = Short.BYTES;
    public static final int LENGTH_OFFSET = VERSION_OFFSET + VERSION_SIZE;
    public static final int LENGTH_SIZE = Short.BYTES;
    public static final int HEADER_LENGTH = LENGTH_OFFSET + LENGTH_SIZE;

    public static final int ALERT_LEVEL_OFFSET = 0;
    public static final int ALERT_LEVEL_SIZE = Byte.BYTES;
    public static final int ALERT_DESCRIPTION_OFFSET = ALERT_LEVEL_OFFSET + ALERT_LEVEL_SIZE;
    public static final int ALERT_DESCRIPTION_SIZE = Byte.BYTES;
    public static final int ALERT_LENGTH = ALERT_DESCRIPTION_OFFSET + ALERT_DESCRIPTION_SIZE;

    public static final int ALERT_LEVEL_FATAL = 2;
    /** Sent to a peer whose first bytes are not a TLS record at all. */
    public static final int ALERT_UNEXPECTED_MESSAGE = 10;

    private TlsRecordFormat() {
    }

    /** Whether a connection's first byte from a client can start a TLS ClientHello. */
    public static boolean startsClientHello(int firstByte) {
        return firstByte == CONTENT_TYPE_HANDSHAKE;
    }

    /**
     * Whether a server's first byte is a TLS record a TLS server answers a plaintext client with:
     * an alert, or a handshake record.
     */
    public static boolean startsServerRecord(int firstByte) {
        return firstByte == CONTENT_TYPE_ALERT || firstByte == CONTENT_TYPE_HANDSHAKE;
    }

    /** A plaintext fatal unexpected_message alert record, the polite way to reject a non-TLS peer. */
    public static byte[] fatalUnexpectedMessageAlert() {
        byte[] record = new byte[HEADER_LENGTH + ALERT_LENGTH];
        record[CONTENT_TYPE_OFFSET] = (byte) CONTENT_TYPE_ALERT;
        record[VERSION_OFFSET] = (byte) (LEGACY_RECORD_VERSION >>> Byte.SIZE);
        record[VERSION_OFFSET + 1] = (byte) LEGACY_RECORD_VERSION;
        record[LENGTH_OFFSET] = (byte) (ALERT_LENGTH >>> Byte.SIZE);
        record[LENGTH_OFFSET + 1] = (byte) ALERT_LENGTH;
        record[HEADER_LENGTH + ALERT_LEVEL_OFFSET] = (byte) ALERT_LEVEL_FATAL;
        record[HEADER_LENGTH + ALERT_DESCRIPTION_OFFSET] = (byte) ALERT_UNEXPECTED_MESSAGE;
        return record;
    }
}
