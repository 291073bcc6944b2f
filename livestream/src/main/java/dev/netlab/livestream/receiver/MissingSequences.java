package dev.netlab.livestream.receiver;

import dev.netlab.livestream.rtp.StreamId;

/**
 * Sequences of one stream the playout wants retransmitted, at most
 * {@link dev.netlab.livestream.rtp.PacketFormat#MAX_NACK_ENTRIES}: the content of one NACK,
 * which the session sends with its subscriber's proof.
 */
public record MissingSequences(StreamId stream, int[] sequences) {
}
