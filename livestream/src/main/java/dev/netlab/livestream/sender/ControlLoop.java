package dev.netlab.livestream.sender;

import dev.netlab.livestream.rtp.GoodbyeReason;
import dev.netlab.livestream.rtp.Header;
import dev.netlab.livestream.rtp.MalformedPacketException;
import dev.netlab.livestream.rtp.Packet;
import dev.netlab.livestream.rtp.PacketFormat;
import dev.netlab.livestream.rtp.PacketReader;
import dev.netlab.livestream.rtp.PacketType;
import dev.netlab.livestream.rtp.PacketWriter;
import dev.netlab.livestream.rtp.StreamId;
import dev.netlab.livestream.rtp.UnsupportedVersionException;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's receive loop: it hands subscribes to the {@link SubscriberAdmission}, handles
 * what subscribers send (heartbeat, goodbye, receiver report, NACK) once its proof matches the
 * subscriber at its source address, and drops subscribers that fell silent. It wakes at least
 * every {@link #TICK_MILLIS} (socket timeout) to check for silence. Malformed, foreign and
 * unproven datagrams are counted and dropped; nothing a peer sends ends this loop, only
 * closing the socket does.
 */
final class ControlLoop implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ControlLoop.class);

    /** How often silent subscribers are looked for, at the latest. */
    static final int TICK_MILLIS = 100;
    /** Most retransmissions of one packet to one subscriber (the first request and three retries). */
    static final int MAX_RETRANSMISSIONS_PER_PACKET = 4;
    /** A second NACK for the same packet within this time is a duplicate, not a new request. */
    static final long RETRANSMIT_HOLDOFF_NANOS = 10_000_000L;
    /** The proof field of the server's heartbeat echo: the receiver has nothing to check it against. */
    private static final byte[] NO_PROOF = new byte[PacketFormat.PROOF_LENGTH];

    private final DatagramSocket socket;
    private final int sessionId;
    private final SubscriberTable subscribers;
    private final Fanout fanout;
    private final SenderStats stats;
    private final RetransmitHistory[] histories;
    private final SubscriberAdmission admission;
    private final long timeoutNanos;

    ControlLoop(DatagramSocket socket, int sessionId, SubscriberTable subscribers, Fanout fanout, SenderStats stats,
                RetransmitHistory audioHistory, RetransmitHistory frameHistory, SubscriberAdmission admission,
                long timeoutNanos) {
        this.socket = socket;
        this.sessionId = sessionId;
        this.subscribers = subscribers;
        this.fanout = fanout;
        this.stats = stats;
        this.histories = new RetransmitHistory[] {audioHistory, frameHistory};
        this.admission = admission;
        this.timeoutNanos = timeoutNanos;
    }

    @Override
    public void run() {
        byte[] buf = new byte[PacketFormat.MAX_DATAGRAM_LENGTH + 1];
        DatagramPacket datagram = new DatagramPacket(buf, buf.length);
        while (!socket.isClosed()) {
            try {
                datagram.setLength(buf.length);
                socket.setSoTimeout(TICK_MILLIS);
                socket.receive(datagram);
                handle(datagram, System.nanoTime());
            } catch (SocketTimeoutException idle) {
                // fall through to the silence check
            } catch (IOException e) {
                if (socket.isClosed()) {
                    break;
                }
                LOG.debug("receive failed: {}", e.toString());
            }
            expireSilentSubscribers();
        }
    }

    private void handle(DatagramPacket datagram, long now) {
        InetSocketAddress from = (InetSocketAddress) datagram.getSocketAddress();
        Packet packet;
        try {
            packet = PacketReader.read(datagram.getData(), datagram.getOffset(), datagram.getLength());
        } catch (UnsupportedVersionException e) {
            admission.onOtherVersion(from, e, datagram.getLength(), now);
            return;
        } catch (MalformedPacketException e) {
            stats.malformedReceived.increment();
            LOG.debug("dropped datagram from {}: {}", from, e.getMessage());
            return;
        }
        if (packet instanceof Packet.Subscribe subscribe) {
            admission.onSubscribe(from, subscribe, datagram.getLength(), now);
            return;
        }
        Subscriber s = subscribers.get(from);
        if (!(packet instanceof Packet.SubscriberControl control) || packet.header().sessionId() != sessionId
                || s == null) {
            stats.malformedReceived.increment();
            LOG.debug("dropped {} from {}: not a subscriber's message in session {}", packet.header().type(), from,
                    sessionId);
            return;
        }
        if (!s.provenBy(control.proof())) {
            stats.unprovenControl.increment();
            LOG.debug("dropped {} from {}: not the subscriber's proof", packet.header().type(), from);
            return;
        }
        s.heard(now);
        if (packet instanceof Packet.Heartbeat h) {
            fanout.to(from, PacketWriter.write(new Packet.Heartbeat(Header.control(PacketType.HEARTBEAT, sessionId),
                    NO_PROOF, h.token())));
        } else if (packet instanceof Packet.Goodbye) {
            subscribers.remove(from);
            LOG.info("subscriber {} left", from);
        } else if (packet instanceof Packet.ReceiverReport r) {
            s.report(r);
            logReport(from, r);
        } else if (packet instanceof Packet.Nack n) {
            retransmit(s, n, now);
        }
    }

    private void retransmit(Subscriber s, Packet.Nack nack, long now) {
        StreamId stream = nack.header().stream();
        RetransmitHistory history = histories[stream.wire()];
        for (int sequence : nack.sequences()) {
            stats.nackedPackets.increment();
            byte[] original = history.get(sequence);
            if (original != null && s.mayRetransmit(stream.wire() << 16 | sequence, now,
                    MAX_RETRANSMISSIONS_PER_PACKET, RETRANSMIT_HOLDOFF_NANOS)) {
                fanout.to(s.address(), PacketWriter.withRetransmissionFlag(original, true));
                stats.retransmissions.increment();
            } else {
                stats.nacksRefused.increment();
            }
        }
    }

    private void logReport(SocketAddress from, Packet.ReceiverReport r) {
        LOG.info(String.format(Locale.ROOT,
                "subscriber %s %s: fraction lost %.1f%%, cumulative lost %d, jitter %.2f ms, concealed %d, playout delay %d ms",
                from, r.header().stream().name().toLowerCase(Locale.ROOT), r.fractionLost() * 100.0 / 256,
                r.cumulativeLost(), r.jitterMicros() / 1000.0, r.concealed(), r.playoutDelayMillis()));
    }

    private void expireSilentSubscribers() {
        for (Subscriber s : subscribers.expire(System.nanoTime(), timeoutNanos)) {
            stats.subscribersTimedOut.increment();
            LOG.info("subscriber {} timed out", s.address());
            fanout.to(s.address(), PacketWriter.write(new Packet.ServerGoodbye(
                    Header.control(PacketType.SERVER_GOODBYE, sessionId), GoodbyeReason.TIMED_OUT)));
        }
    }
}
