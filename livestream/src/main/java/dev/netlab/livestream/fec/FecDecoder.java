package dev.netlab.livestream.fec;

import java.util.List;

/**
 * The receiving half of a FEC scheme: it is shown every source datagram and every repair
 * payload that arrives for one protected stream, in any order, and rebuilds the source
 * datagrams it can. In two-dimensional schemes recovery is iterative: a packet rebuilt from a
 * row can complete a column, whose recovery can complete another row, and so on.
 *
 * <p>Its memory is bounded: it keeps at most {@link ParityDecoder#MAX_GROUPS_KEPT} repair
 * groups and forgets source datagrams more than {@link ParityDecoder#BLOCKS_KEPT} blocks behind
 * the newest one (and anything before {@link #discardBefore}).
 *
 * <p>Not thread-safe: one decoder belongs to one receiving thread.
 */
public interface FecDecoder {

    /**
     * Records a source datagram that arrived (it may complete a group and let others be
     * rebuilt). Datagrams older than the discard point, already known, or longer than
     * {@link RepairFormat#MAX_SOURCE_PACKET_LENGTH} are ignored.
     */
    void addSource(int sequence, byte[] sourcePacket);

    /**
     * Records a repair payload. Never throws.
     *
     * @return false if the payload is malformed or does not belong to this scheme (it is then
     *     ignored); true if it was well formed, even when it turned out to be useless (too old,
     *     a duplicate, or its group is already complete)
     */
    boolean addRepair(byte[] repairPayload);

    /**
     * Returns the source datagrams rebuilt since the previous call, each exactly once, in the
     * order they were rebuilt; never a datagram that was added with {@link #addSource}.
     */
    List<RecoveredPacket> drainRecovered();

    /**
     * Forgets everything about sequence numbers before {@code sequence} (serial-number order):
     * the receiver has played past them, so they are no longer worth rebuilding.
     */
    void discardBefore(int sequence);
}
