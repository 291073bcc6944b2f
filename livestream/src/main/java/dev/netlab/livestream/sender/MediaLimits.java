package dev.netlab.livestream.sender;

import dev.netlab.livestream.fec.RepairFormat;
import dev.netlab.livestream.rtp.PacketFormat;

/**
 * Size limits of the media datagrams the server builds. A FEC repair carries a whole source
 * datagram plus the repair header and a length field, inside a livestream header, so source
 * datagrams must leave that much room for the repair to stay within the 1200-byte budget.
 */
public final class MediaLimits {

    /** Largest source (audio or fragment) datagram: 1200 - 16 - 12 = 1172 bytes. */
    public static final int MAX_SOURCE_DATAGRAM =
            PacketFormat.MAX_DATAGRAM_LENGTH - PacketFormat.HEADER_LENGTH - RepairFormat.PAYLOAD_RECOVERY_OFFSET;
    /** Largest audio payload: 1156 bytes, 289 stereo sample frames. */
    public static final int MAX_AUDIO_PAYLOAD = MAX_SOURCE_DATAGRAM - PacketFormat.HEADER_LENGTH;

    private MediaLimits() {
    }
}
