package dev.netlab.livestream.sender;

import dev.netlab.livestream.rtp.GoodbyeReason;
import dev.netlab.livestream.rtp.Header;
import dev.netlab.livestream.rtp.Packet;
import dev.netlab.livestream.rtp.PacketFormat;
import dev.netlab.livestream.rtp.PacketType;
import dev.netlab.livestream.rtp.PacketWriter;
import dev.netlab.livestream.rtp.UnsupportedVersionException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what a subscribe datagram earns its source address, so that a forged source
 * address can never make the server a reflector:
 * <ol>
 *   <li>over the {@link SubscribeRateLimit}: nothing;</li>
 *   <li>without a valid {@link ReturnPathCookie} for the address: a CHALLENGE holding one, no
 *       larger than the subscribe (the only thing an address not yet validated ever gets);</li>
 *   <li>with one: a place in the {@link SubscriberTable} (or SERVER_GOODBYE "full"), a
 *       WELCOME with the subscriber's proof, and the session info from the broadcast thread.</li>
 * </ol>
 * Every reply to an address not yet validated passes {@link #replyUnvalidated}, which holds it
 * to {@link #AMPLIFICATION_LIMIT} times the bytes of the datagram it answers (RFC 9000 section
 * 8): as each such address gets at most one reply per datagram it sent, it is never sent more
 * than that many times what it sent. Only the control thread calls this class.
 */
final class SubscriberAdmission {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriberAdmission.class);

    /** Most bytes sent to an address not yet validated per byte received from it (QUIC's factor). */
    static final int AMPLIFICATION_LIMIT = 3;
    /** At most one log line this often about peers of another version (a flood must not flood the log). */
    static final long VERSION_LOG_INTERVAL_NANOS = 10_000_000_000L;

    private final int sessionId;
    private final SubscriberTable subscribers;
    private final Fanout fanout;
    private final SenderStats stats;
    private final CountDownLatch firstSubscriber;
    private final ReturnPathCookie cookies;
    private final SubscribeRateLimit rateLimit;
    private long lastVersionLogNanos;
    private long versionMismatches;

    SubscriberAdmission(int sessionId, SubscriberTable subscribers, Fanout fanout, SenderStats stats,
                        CountDownLatch firstSubscriber, SecureRandom random, long nowNanos) {
        this.sessionId = sessionId;
        this.subscribers = subscribers;
        this.fanout = fanout;
        this.stats = stats;
        this.firstSubscriber = firstSubscriber;
        this.cookies = new ReturnPathCookie(random);
        this.rateLimit = new SubscribeRateLimit(random.nextInt(), nowNanos);
        this.lastVersionLogNanos = nowNanos - VERSION_LOG_INTERVAL_NANOS;
    }

    /** A SUBSCRIBE of this version, {@code receivedBytes} long, from {@code from}. */
    void onSubscribe(InetSocketAddress from, Packet.Subscribe subscribe, int receivedBytes, long now) {
        if (!rateLimit.tryAcquire(from.getAddress(), now)) {
            stats.subscribesRateLimited.increment();
            return;
        }
        if (!cookies.isValid(from, subscribe.cookie(), now)) {
            byte[] challenge = PacketWriter.write(new Packet.Challenge(Header.control(PacketType.CHALLENGE, sessionId),
                    cookies.issue(from, now)));
            if (replyUnvalidated(from, challenge, receivedBytes)) {
                stats.challengesSent.increment();
            }
            return;
        }
        admit(from, now);
    }

    /** An intact datagram of another packet format version: a subscribe is told so, once per attempt. */
    void onOtherVersion(InetSocketAddress from, UnsupportedVersionException e, int receivedBytes, long now) {
        if (e.typeWire() != PacketType.SUBSCRIBE.wire() || !rateLimit.tryAcquire(from.getAddress(), now)) {
            stats.malformedReceived.increment();
            return;
        }
        versionMismatches++;
        if (now - lastVersionLogNanos >= VERSION_LOG_INTERVAL_NANOS) {
            LOG.info("refused a subscriber at {} speaking packet format version {}; this server speaks {} "
                    + "({} such subscribes so far)", from, e.version(), PacketFormat.VERSION, versionMismatches);
            lastVersionLogNanos = now;
        }
        replyUnvalidated(from, goodbye(GoodbyeReason.VERSION_MISMATCH), receivedBytes);
    }

    private void admit(InetSocketAddress from, long now) {
        boolean known = subscribers.get(from) != null;
        Subscriber s = subscribers.subscribe(from, now);
        if (s == null) {
            LOG.info("refused subscriber {}: server full ({} subscribers)", from, subscribers.size());
            fanout.to(from, goodbye(GoodbyeReason.SERVER_FULL));
            return;
        }
        // The welcome leaves before the session info is asked for, so it usually arrives first.
        fanout.to(from, PacketWriter.write(new Packet.Welcome(Header.control(PacketType.WELCOME, sessionId), s.proof())));
        s.wantInfo();
        if (!known) {
            stats.subscribersJoined.increment();
            LOG.info("subscriber {} joined ({} now)", from, subscribers.size());
            firstSubscriber.countDown();
        }
    }

    /** Sends a reply to an address not yet validated if it keeps within the amplification limit. */
    private boolean replyUnvalidated(InetSocketAddress to, byte[] reply, int receivedBytes) {
        if (reply.length > (long) AMPLIFICATION_LIMIT * receivedBytes) {
            LOG.debug("no reply of {} bytes to {}: it sent {} bytes", reply.length, to, receivedBytes);
            return false;
        }
        fanout.to(to, reply);
        return true;
    }

    private byte[] goodbye(GoodbyeReason reason) {
        return PacketWriter.write(new Packet.ServerGoodbye(Header.control(PacketType.SERVER_GOODBYE, sessionId), reason));
    }
}
