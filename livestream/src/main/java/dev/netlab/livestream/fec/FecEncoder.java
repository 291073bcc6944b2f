package dev.netlab.livestream.fec;

import java.util.List;

/**
 * The sending half of a FEC scheme: it is shown every source datagram of one protected stream,
 * in sequence order, and hands back the repair payloads that became complete with it.
 *
 * <p>An encoder groups consecutive sequence numbers into blocks (see {@link FecScheme}). If a
 * sequence number arrives that does not follow the previous one, the unfinished block is
 * abandoned (its repairs are never produced) and a new block starts at that sequence number.
 *
 * <p>Not thread-safe: one encoder belongs to one sending thread.
 */
public interface FecEncoder {

    /**
     * Adds one source datagram.
     *
     * @param sequence the 16-bit sequence number (0..65535) of the datagram in its stream
     * @param sourcePacket the whole datagram as sent (header and payload), at most
     *     {@link RepairFormat#MAX_SOURCE_PACKET_LENGTH} bytes; the encoder keeps its own copy
     * @return the repair payloads complete now, in the order they should be sent (often empty)
     * @throws IllegalArgumentException if the sequence is out of range or the packet too long
     */
    List<byte[]> add(int sequence, byte[] sourcePacket);
}
