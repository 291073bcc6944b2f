package dev.netlab.livestream.rtp;

/**
 * An intact datagram (its CRC-32C holds) of another packet format version. Every version keeps
 * the version byte, the type byte and the checksum where version 1 put them, so a peer of
 * another version can be told apart from garbage and answered, or reported, clearly.
 */
public final class UnsupportedVersionException extends MalformedPacketException {

    private final int version;
    private final int typeWire;

    public UnsupportedVersionException(int version, int typeWire) {
        super("version " + version + " != " + PacketFormat.VERSION);
        this.version = version;
        this.typeWire = typeWire;
    }

    /** The version the peer speaks. */
    public int version() {
        return version;
    }

    /** The type byte as sent (its meaning is that version's). */
    public int typeWire() {
        return typeWire;
    }
}
