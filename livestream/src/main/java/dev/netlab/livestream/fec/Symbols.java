package dev.netlab.livestream.fec;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Turns a source datagram into the symbol that FEC combines (its length as u16, then its bytes;
 * zero padding to the group's longest is implied) and a rebuilt symbol back into a datagram.
 */
final class Symbols {

    private Symbols() {
    }

    static byte[] of(byte[] packet) {
        ByteBuffer symbol = ByteBuffer.allocate(RepairFormat.LENGTH_RECOVERY_SIZE + packet.length);
        symbol.putShort((short) packet.length);
        symbol.put(packet);
        return symbol.array();
    }

    /**
     * The datagram inside a rebuilt symbol, or null if the symbol is inconsistent (its length
     * does not fit, or the padding after it is not zero): the repair or a member was corrupt,
     * and wrong bytes must never be passed off as recovered.
     */
    static byte[] toPacket(byte[] symbol) {
        if (symbol.length < RepairFormat.LENGTH_RECOVERY_SIZE) {
            return null;
        }
        int length = ((symbol[0] & 0xFF) << 8) | (symbol[1] & 0xFF);
        int end = RepairFormat.LENGTH_RECOVERY_SIZE + length;
        if (length > RepairFormat.MAX_SOURCE_PACKET_LENGTH || end > symbol.length) {
            return null;
        }
        for (int i = end; i < symbol.length; i++) {
            if (symbol[i] != 0) {
                return null;
            }
        }
        return Arrays.copyOfRange(symbol, RepairFormat.LENGTH_RECOVERY_SIZE, end);
    }
}
