package dev.netlab.filetransfer.protocol;

/**
 * The filetransfer protocol, carried in common's netlab frames ({@code FrameFormat}): the frame
 * type is a {@link MessageType} wire value, the frame flags are the message's flags and the
 * frame payload is the message body drawn below. Every integer is big-endian; strings are UTF-8
 * with a u16 length in front, except a trailing free-text message which runs to the frame end.
 *
 * <pre>
 * HELLO (client -> server, first frame)
 * +--------+--------+--------+--------+--------+--------+--------+--------+
 * |      magic 'N' 'L' 'F' 'T'        |     version     |    reserved     |
 * +--------+--------+--------+--------+--------+--------+--------+--------+
 *
 * WELCOME (server -> client; flags bit 0 = token required)
 * +--------+--------+--------+--------+--------+--------+
 * |     version     |  flags (unused) | nonce (32 bytes) ...
 * +--------+--------+--------+--------+--------+--------+
 *
 * AUTH (client -> server): HMAC-SHA256(token, AUTH_LABEL || nonce), 32 bytes. The token itself
 * never crosses the wire. AUTH_OK (server -> client) has an empty body.
 *
 * ERROR (either way, fatal: the sender closes the connection after it)
 * +--------+--------+--------+-- ... --+
 * |   error code    |  message (UTF-8, to end of frame)
 * +--------+--------+--------+-- ... --+
 *
 * OFFER (sender -> receiver; flags: EAGER = the single chunk follows at once, DIRECTORY)
 * +--------+--------+--------+--------+--------+-- ... 8 --+-- ... 8 --+
 * |              file id              |    size (u64)     | mtime ms  |
 * +--------+--------+--------+--------+--------+--------+--------+--------+
 * |            chunk size             |   stripe index  |  stripe count   |
 * +--------+--------+--------+--------+--------+--------+--------+--------+
 * | alg    | dlen   | digest (dlen bytes, only with EAGER) | path len (u16) | path
 * +--------+--------+-------------- ... -+--------+--------+-- ... --+
 *
 * PLAN (receiver -> sender): which chunks to send
 * +--------+--------+--------+--------+--------+--------+--------+--------+--------+
 * |              file id              |decision|          run count                |
 * +--------+--------+--------+--------+--------+--------+--------+--------+--------+
 * run count x { first chunk u32, chunk count u32 }: chunks the receiver already holds verified
 *
 * CHUNK (sender -> receiver)
 * +--------+--------+--------+--------+--------+--------+--------+--------+
 * |              file id              |            chunk index            |
 * +--------+--------+--------+--------+--------+--------+--------+--------+
 * |          CRC32C of data           | data (chunk size, or less for the last chunk) ...
 * +--------+--------+--------+--------+-------- ...
 *
 * END (sender -> receiver): the whole-file digest, after the file's last chunk (dlen 0 from
 * stripes other than 0 of a file striped over several connections)
 * +--------+--------+--------+--------+--------+-- ... --+
 * |              file id              |  dlen  | digest  |
 * +--------+--------+--------+--------+--------+-- ... --+
 *
 * NACK (receiver -> sender): chunk failed its CRC32C, send it again
 * +--------+--------+--------+--------+--------+--------+--------+--------+
 * |              file id              |            chunk index            |
 * +--------+--------+--------+--------+--------+--------+--------+--------+
 *
 * RESULT (receiver -> sender): the file's outcome
 * +--------+--------+--------+--------+--------+--------+--------+-- ... 8 --+
 * |              file id              | status |   error code    | resumed   |
 * +--------+--------+--------+--------+--------+--------+--------+-- ... ----+
 * |  dlen  | digest (dlen bytes) | stored-as len u16 | stored-as | message (UTF-8, to end of frame)
 * +--------+------- ... ---------+--------+--------+--- ... ---+-- ... --+
 *
 *   status             meaning                                  stored-as      message
 *   1 VERIFIED         stored, whole-file digest matched        name if not    empty
 *                                                               the offered
 *   2 SKIPPED          identical file already there             empty          why
 *   3 FAILED           not stored; error code says why          empty          why
 *   4 STORED           this connection's stripe is stored; the  empty          empty
 *                      stripe that completes the file carries
 *                      the verdict
 *   5 RESTART_FROM_    resumed chunks were of an older version  empty          why
 *     ZERO             of the source (digest mismatch); part
 *                      file dropped: offer the file again, from
 *                      chunk 0. Not final: a RESULT for the new
 *                      offer follows. Never for a striped file.
 * A stored-as name with any status but VERIFIED is a protocol violation.
 *
 * LIST (client -> server): path len u16, path. LISTING (server -> client; flag MORE = another
 * LISTING follows): entry count u32, then per entry { kind u8, size u64, mtime ms u64,
 * name len u16, name }.
 *
 * GET (client -> server): chunk size u32, alg u8, path len u16, path. The server then acts as
 * sender (OFFER, CHUNK, END) and the client as receiver (PLAN, NACK, RESULT), and the server
 * ends with DONE: file count u32.
 * </pre>
 *
 * <p>Versions: a peer of another version is refused in the handshake with an ERROR
 * (UNSUPPORTED_VERSION) that names both versions. Version 2 made two meanings explicit that
 * version 1 carried in combinations of fields: the stored-as name (version 1: the message of a
 * VERIFIED RESULT) and RESTART_FROM_ZERO (version 1: FAILED with DIGEST_MISMATCH and resumed
 * bytes above zero).
 *
 * <p>Conversation: HELLO, WELCOME, [AUTH, AUTH_OK], then any number of requests. Offers are
 * pipelined: the sender keeps up to {@link #MAX_FILES_IN_FLIGHT} files offered and not yet
 * answered by a RESULT, and files of at most one chunk travel EAGER (offer, chunk and digest
 * without waiting for a PLAN), so many small files cost no round trip each.
 */
public final class TransferProtocol {

    /** "NLFT": which netlab protocol rides in the frames. */
    public static final int MAGIC = 0x4E4C4654;
    /** 2: RESULT carries a stored-as field and may say RESTART_FROM_ZERO (see above). */
    public static final int VERSION = 2;

    public static final int NONCE_LENGTH = 32;
    public static final int MAC_LENGTH = 32;
    /** Domain separation, so a MAC made for this handshake means nothing anywhere else. */
    public static final String AUTH_LABEL = "netlab-filetransfer-auth-v1";
    public static final int WELCOME_FLAG_TOKEN_REQUIRED = 1;

    public static final int OFFER_FLAG_EAGER = 1;
    public static final int OFFER_FLAG_DIRECTORY = 2;
    public static final int LISTING_FLAG_MORE = 1;
    /**
     * END of a file abandoned because its source changed while it was read: no digest, then a u8
     * with how many times the sender has now started this file. The receiver removes its part file.
     */
    public static final int END_FLAG_SOURCE_CHANGED = 1;
    /** With SOURCE_CHANGED: the sender gives up on this file; the receiver answers with a final RESULT. */
    public static final int END_FLAG_GIVING_UP = 2;
    /** With SOURCE_CHANGED and GIVING_UP: the source is gone, not changed. */
    public static final int END_FLAG_SOURCE_GONE = 4;

    // HELLO
    public static final int HELLO_MAGIC_OFFSET = 0;
    public static final int HELLO_VERSION_OFFSET = HELLO_MAGIC_OFFSET + Integer.BYTES;
    public static final int HELLO_RESERVED_OFFSET = HELLO_VERSION_OFFSET + Short.BYTES;
    public static final int HELLO_LENGTH = HELLO_RESERVED_OFFSET + Short.BYTES;

    // CHUNK: the fixed part in front of the data
    public static final int CHUNK_FILE_ID_OFFSET = 0;
    public static final int CHUNK_INDEX_OFFSET = CHUNK_FILE_ID_OFFSET + Integer.BYTES;
    public static final int CHUNK_CRC_OFFSET = CHUNK_INDEX_OFFSET + Integer.BYTES;
    public static final int CHUNK_HEADER_LENGTH = CHUNK_CRC_OFFSET + Integer.BYTES;

    /** 64 KiB: below this the per-chunk header and CRC work start to show in throughput. */
    public static final int MIN_CHUNK_SIZE = 64 * 1024;
    /** 16 MiB: the largest chunk common's frame cap leaves room for. */
    public static final int MAX_CHUNK_SIZE = 16 * 1024 * 1024;
    /** 1 MiB: large enough that headers and CRC calls are noise, small enough to resend. */
    public static final int DEFAULT_CHUNK_SIZE = 1024 * 1024;
    /** Caps a PLAN and a resume ledger; larger files get larger chunks (see ChunkLayout). */
    public static final int MAX_CHUNKS_PER_FILE = 1 << 21;
    /** Largest control frame (everything but CHUNK, PLAN and LISTING). */
    public static final int MAX_CONTROL_PAYLOAD = 64 * 1024;
    /** A path on the wire, in UTF-8 bytes (Linux PATH_MAX). */
    public static final int MAX_PATH_BYTES = 4096;
    /** One path segment, in UTF-8 bytes; leaves room for the part-file prefix and suffix. */
    public static final int MAX_NAME_BYTES = 200;
    /**
     * Files offered and not yet answered, per connection. 1024 small eager files are 4 MiB in
     * flight at 4 KiB each: enough to hide a round trip, bounded on the receiver.
     */
    public static final int MAX_FILES_IN_FLIGHT = 1024;
    /** CRC failures tolerated per file before the file fails: noise passes, a broken link not. */
    public static final int MAX_CHUNK_RETRIES = 8;
    /** Entries per LISTING frame, so one listing frame stays far below the frame cap. */
    public static final int MAX_LISTING_ENTRIES = 1000;

    private TransferProtocol() {
    }
}
