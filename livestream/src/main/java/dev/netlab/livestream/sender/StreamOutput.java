package dev.netlab.livestream.sender;

import dev.netlab.livestream.fec.FecEncoder;
import dev.netlab.livestream.rtp.Header;
import dev.netlab.livestream.rtp.Packet;
import dev.netlab.livestream.rtp.PacketType;
import dev.netlab.livestream.rtp.PacketWriter;
import dev.netlab.livestream.rtp.StreamId;

/**
 * The sending side of one media stream: its sequence numbers, its FEC encoder and its
 * retransmission history. Only the broadcast thread sends through it; the control thread
 * reads the history.
 */
final class StreamOutput {

    private final StreamId stream;
    private final int sessionId;
    private final FecEncoder encoder;
    private final RetransmitHistory history = new RetransmitHistory();
    private final Fanout fanout;
    private final SenderStats stats;
    private int nextSequence;
    private int nextRepairSequence;

    StreamOutput(StreamId stream, int sessionId, int firstSequence, FecEncoder encoder, Fanout fanout, SenderStats stats) {
        this.stream = stream;
        this.sessionId = sessionId;
        this.nextSequence = firstSequence;
        this.encoder = encoder;
        this.fanout = fanout;
        this.stats = stats;
    }

    /** The sequence number the next media packet will get. */
    int nextSequence() {
        return nextSequence;
    }

    Header nextHeader(PacketType type, long timestamp) {
        return nextHeader(type, timestamp, 0);
    }

    Header nextHeader(PacketType type, long timestamp, int flags) {
        return new Header(type, flags, stream, nextSequence, timestamp, sessionId);
    }

    /** Sends a media packet built with {@link #nextHeader} to every subscriber, then its repairs. */
    void send(Packet media) {
        byte[] datagram = PacketWriter.write(media);
        int sequence = media.header().sequence();
        history.put(sequence, datagram);
        fanout.toAll(datagram);
        stats.mediaPackets.increment();
        for (byte[] repair : encoder.add(sequence, datagram)) {
            Header h = new Header(PacketType.FEC_REPAIR, 0, stream, nextRepairSequence, 0, sessionId);
            nextRepairSequence = (nextRepairSequence + 1) & 0xFFFF;
            fanout.toAll(PacketWriter.write(new Packet.FecRepair(h, repair)));
            stats.repairPackets.increment();
        }
        nextSequence = (nextSequence + 1) & 0xFFFF;
    }

    RetransmitHistory history() {
        return history;
    }
}
