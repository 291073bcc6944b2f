package dev.netlab.livestream.fec;

/**
 * A source datagram rebuilt by a {@link FecDecoder}: its sequence number and its exact original
 * bytes (header and payload), as if it had arrived from the network.
 */
public record RecoveredPacket(int sequence, byte[] sourcePacket) {
}
