package dev.netlab.livestream.fec;

import java.nio.ByteBuffer;

/** Serialises {@link RepairPacket}s to repair payloads. Stateless and thread-safe. */
public final class RepairWriter {

    private RepairWriter() {
    }

    public static byte[] write(RepairPacket repair) {
        ByteBuffer out = ByteBuffer.allocate(RepairFormat.SYMBOL_OFFSET + repair.symbol().length);
        out.put(RepairFormat.MAGIC_OFFSET, (byte) RepairFormat.MAGIC);
        out.put(RepairFormat.VERSION_KIND_OFFSET,
                (byte) ((RepairFormat.VERSION << 4) | repair.kind().wireValue()));
        out.putShort(RepairFormat.BASE_SEQUENCE_OFFSET, (short) repair.baseSequence());
        out.put(RepairFormat.STEP_OFFSET, (byte) repair.step());
        out.put(RepairFormat.COUNT_OFFSET, (byte) repair.count());
        out.put(RepairFormat.INDEX_OFFSET, (byte) repair.index());
        out.put(RepairFormat.RESERVED_OFFSET, (byte) 0);
        out.putInt(RepairFormat.GROUP_CHECK_OFFSET, repair.groupCheck());
        out.put(RepairFormat.SYMBOL_OFFSET, repair.symbol());
        return out.array();
    }
}
