package dev.netlab.livestream.testing;

import dev.netlab.livestream.rtp.PacketFormat;
import dev.netlab.livestream.rtp.PacketType;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/** Datagrams as peers of other packet format versions send them: same header layout, valid CRC-32C. */
public final class OtherVersions {

    private OtherVersions() {
    }

    /** What a version 1 player sent to subscribe: the 20-byte header alone, type SUBSCRIBE. */
    public static byte[] versionOneSubscribe() {
        byte[] d = new byte[PacketFormat.HEADER_LENGTH];
        d[PacketFormat.TYPE_OFFSET] = (byte) PacketType.SUBSCRIBE.wire();
        return resealedAs(1, d);
    }

    /** A copy of {@code datagram} with another version byte and its checksum made valid again. */
    public static byte[] resealedAs(int version, byte[] datagram) {
        byte[] d = datagram.clone();
        d[PacketFormat.VERSION_OFFSET] = (byte) version;
        ByteBuffer.wrap(d).putInt(PacketFormat.CHECKSUM_OFFSET, 0);
        CRC32C crc = new CRC32C();
        crc.update(d);
        ByteBuffer.wrap(d).putInt(PacketFormat.CHECKSUM_OFFSET, (int) crc.getValue());
        return d;
    }
}
