package dev.netlab.livestream.fec;

/**
 * A parsed repair payload (see {@link RepairFormat}). {@code symbol} holds the length recovery
 * field followed by the payload recovery bytes.
 */
public record RepairPacket(RepairKind kind, int baseSequence, int step, int count, int index, int groupCheck,
                           byte[] symbol) {

    /** The sequence number of member {@code i} of the group. */
    public int member(int i) {
        return SequenceNumbers.add(baseSequence, i * step);
    }

    /** The sequence number of the group's last member. */
    public int lastMember() {
        return member(count - 1);
    }
}
