package dev.netlab.livestream.fec;

/**
 * One repair group inside a block: the members are the packets at block positions
 * {@code firstPosition + i * step} for {@code i < count}, protected by {@code repairCount}
 * repairs of the given kind.
 */
public record GroupShape(RepairKind kind, int firstPosition, int step, int count, int repairCount) {

    /** The block position whose arrival completes the group (its repairs are sent then). */
    public int lastPosition() {
        return firstPosition + (count - 1) * step;
    }
}
