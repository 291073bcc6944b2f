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
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's receive loop: it handles what subscribers send (subscribe, heartbeat, goodbye,
 * receiver report, NACK) and drops subscribers that fell silent. It wakes at least every
 * {@link #TICK_MILLIS} (socket timeout) to check for silence. Malformed and foreign datagrams
 * are counted and dropped; nothing a peer sends ends this loop, only closing the socket does.
 */
final class ControlLoop implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ControlLoop.class);

    /** How often silent subscribers are looked for, at the latest. */
    static final int TICK_MILLIS = 100;
    /** Most retransmissions of one packet to one subscriber (the first request and three retries). */
    static final int MAX_RETRANSMISSIONS_PER_PACKET = 4;
    /** A second NACK for the same packet within this time is a duplicate, not a new request. */
    static final long RETRANSMIT_HOLDOFF_NANOS = 10_000_000L;

    private final DatagramSocket socket;
    private final int sessionId;
    private final SubscriberTable subscribers;
    private final Fanout fanout;
    private final SenderStats stats;
    private final RetransmitHistory[] histories;
    private final CountDownLatch firstSubscriber;
    private final long timeoutNanos;

    ControlLoop(DatagramSocket socket, int sessionId, SubscriberTable subscribers, Fanout fanout, SenderStats stats,
                RetransmitHistory audioHistory, RetransmitHistory frameHistory, CountDownLatch firstSubscriber,
                long timeoutNanos) {
        this.socket = socket;
        this.sessionId = sessionId;
        this.subscribers = subscribers;
        this.fanout = fanout;
        this.stats = stats;
        this.histories = new RetransmitHistory[] {audioHistory, frameHistory};
        this.firstSubscriber = firstSubscriber;
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
        Packet packet;
        try {
            packet = PacketReader.read(datagram.getData(), datagram.getOffset(), datagram.getLength());
        } catch (MalformedPacketException e) {
            stats.malformedReceived.increment();
            LOG.debug("dropped datagram from {}: {}", datagram.getSocketAddress(), e.getMessage());
            return;
        }
        SocketAddress from = datagram.getSocketAddress();
        if (packet instanceof Packet.Subscribe) {
            subscribe(from, now);
            return;
        }
        Subscriber s = subscribers.get(from);
        if (packet.header().sessionId() != sessionId || s == null) {
            stats.malformedReceived.increment();
            LOG.debug("dropped {} from {}: not a subscriber of session {}", packet.header().type(), from, sessionId);
            return;
        }
        s.heard(now);
        if (packet instanceof Packet.Heartbeat h) {
            fanout.to(from, PacketWriter.write(new Packet.Heartbeat(Header.control(PacketType.HEARTBEAT, sessionId), h.token())));
        } else if (packet instanceof Packet.Goodbye) {
            subscribers.remove(from);
            LOG.info("subscriber {} left", from);
        } else if (packet instanceof Packet.ReceiverReport r) {
            s.report(r);
            logReport(from, r);
        } else if (packet instanceof Packet.Nack n) {
            retransmit(s, n, now);
        } else {
            stats.malformedReceived.increment();
            LOG.debug("dropped {} from subscriber {}: not a receiver's message", packet.header().type(), from);
        }
    }

    private void subscribe(SocketAddress from, long now) {
        boolean known = subscribers.get(from) != null;
        Subscriber s = subscribers.subscribe(from, now);
        if (s == null) {
            LOG.info("refused subscriber {}: server full ({} subscribers)", from, subscribers.size());
            fanout.to(from, PacketWriter.write(new Packet.ServerGoodbye(
                    Header.control(PacketType.SERVER_GOODBYE, sessionId), GoodbyeReason.SERVER_FULL)));
            return;
        }
        s.wantInfo();
        if (!known) {
            stats.subscribersJoined.increment();
            LOG.info("subscriber {} joined ({} now)", from, subscribers.size());
            firstSubscriber.countDown();
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
