package dev.netlab.livestream.fec;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Parses and validates repair payloads (see {@link RepairFormat}). It checks the header only;
 * whether the group fits a scheme is {@link FecScheme#accepts}'s job. Stateless and thread-safe.
 */
public final class RepairReader {

    private RepairReader() {
    }

    /**
     * @throws MalformedRepairException naming the broken rule; never any other exception, even
     *     for null
     */
    public static RepairPacket read(byte[] payload) throws MalformedRepairException {
        if (payload == null) {
            throw new MalformedRepairException("repair payload is null");
        }
        if (payload.length < RepairFormat.MIN_REPAIR_LENGTH || payload.length > RepairFormat.MAX_REPAIR_LENGTH) {
            throw new MalformedRepairException("repair length " + payload.length + " not in "
                    + RepairFormat.MIN_REPAIR_LENGTH + ".." + RepairFormat.MAX_REPAIR_LENGTH);
        }
        ByteBuffer in = ByteBuffer.wrap(payload);
        int magic = in.get(RepairFormat.MAGIC_OFFSET) & 0xFF;
        if (magic != RepairFormat.MAGIC) {
            throw new MalformedRepairException("repair magic 0x" + Integer.toHexString(magic)
                    + " != 0x" + Integer.toHexString(RepairFormat.MAGIC));
        }
        int versionKind = in.get(RepairFormat.VERSION_KIND_OFFSET) & 0xFF;
        int version = versionKind >>> 4;
        if (version != RepairFormat.VERSION) {
            throw new MalformedRepairException("repair version " + version + " != " + RepairFormat.VERSION);
        }
        RepairKind kind = RepairKind.fromWire(versionKind & 0x0F);
        if (kind == null) {
            throw new MalformedRepairException("unknown repair kind " + (versionKind & 0x0F));
        }
        int step = in.get(RepairFormat.STEP_OFFSET) & 0xFF;
        int count = in.get(RepairFormat.COUNT_OFFSET) & 0xFF;
        int index = in.get(RepairFormat.INDEX_OFFSET) & 0xFF;
        int reserved = in.get(RepairFormat.RESERVED_OFFSET) & 0xFF;
        if (step == 0 || count == 0) {
            throw new MalformedRepairException("repair step " + step + " and count " + count + " must be >= 1");
        }
        if (kind.isXor() && index != 0) {
            throw new MalformedRepairException("XOR repair index " + index + " != 0");
        }
        if (reserved != 0) {
            throw new MalformedRepairException("repair reserved byte " + reserved + " != 0");
        }
        int base = in.getShort(RepairFormat.BASE_SEQUENCE_OFFSET) & 0xFFFF;
        byte[] symbol = Arrays.copyOfRange(payload, RepairFormat.SYMBOL_OFFSET, payload.length);
        int groupCheck = in.getInt(RepairFormat.GROUP_CHECK_OFFSET);
        return new RepairPacket(kind, base, step, count, index, groupCheck, symbol);
    }
}
