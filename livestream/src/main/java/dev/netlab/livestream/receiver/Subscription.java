package dev.netlab.livestream.receiver;

import dev.netlab.livestream.rtp.Header;
import dev.netlab.livestream.rtp.Packet;
import dev.netlab.livestream.rtp.PacketType;
import dev.netlab.livestream.rtp.StreamId;
import java.io.IOException;
import java.util.List;

/**
 * A receiver's side of the conversation with the server, apart from media. It subscribes every
 * {@link #SUBSCRIBE_RETRY_NANOS} until both the welcome and the session info came, echoing the
 * cookie of the server's last challenge; then it sends heartbeats and receiver reports on their
 * timers, NACKs when asked, and a goodbye at the end, each with the proof from the welcome.
 * Its owner tells it what arrived and when to send; it sends through a {@link ControlChannel}.
 * Not thread-safe.
 */
final class Subscription {

    static final long SUBSCRIBE_RETRY_NANOS = 100_000_000L;
    static final long HEARTBEAT_NANOS = 250_000_000L;
    static final long REPORT_NANOS = 1_000_000_000L;

    /** Where control messages go: the server. */
    interface ControlChannel {
        void send(Packet packet) throws IOException;
    }

    private final ControlChannel server;
    /** The cookie from the server's last challenge, echoed in every subscribe. */
    private byte[] cookie = Packet.Subscribe.NO_COOKIE;
    /** The proof from the server's welcome; null until it came. */
    private byte[] proof;
    private boolean joined;
    private int sessionId;
    private long nextSubscribe;
    private long nextHeartbeat;
    private long nextReport;

    Subscription(ControlChannel server, long startNanos) {
        this.server = server;
        this.nextSubscribe = startNanos;
        this.nextHeartbeat = startNanos;
        this.nextReport = startNanos + REPORT_NANOS;
    }

    /**
     * A challenge: echo its cookie at once, but only while subscribing, so a challenge drawn by
     * someone forging this receiver's address cannot make it subscribe again (that would
     * amplify the forgery).
     */
    void onChallenge(byte[] challengeCookie) throws IOException {
        if (subscribing()) {
            cookie = challengeCookie;
            sendSubscribe();
        }
    }

    void onWelcome(byte[] welcomeProof) {
        if (proof == null) {
            proof = welcomeProof;
        }
    }

    void onSessionInfo(int session) {
        joined = true;
        sessionId = session;
    }

    /** Sends whatever of subscribe, heartbeat and receiver report is due at {@code now}. */
    void sendDue(long now, SessionPlayout playout, ReceiverCounters counters) throws IOException {
        if (subscribing() && now >= nextSubscribe) {
            sendSubscribe();
            nextSubscribe = now + SUBSCRIBE_RETRY_NANOS;
        }
        if (welcomed() && now >= nextHeartbeat) {
            server.send(new Packet.Heartbeat(Header.control(PacketType.HEARTBEAT, sessionId), proof, now));
            nextHeartbeat = now + HEARTBEAT_NANOS;
        }
        if (welcomed() && now >= nextReport) {
            sendReport(playout, counters);
            nextReport = now + REPORT_NANOS;
        }
    }

    /**
     * When the next control message is due: a subscribe retry only while subscribing, then a
     * heartbeat or report. A timer that no longer runs must not count: a subscribe time left
     * in the past woke the receive loop every millisecond for the whole stream.
     */
    long nextDue() {
        return subscribing() ? nextSubscribe : Math.min(nextHeartbeat, nextReport);
    }

    void sendNacks(List<MissingSequences> missing) throws IOException {
        if (!welcomed()) {
            return;
        }
        for (MissingSequences m : missing) {
            server.send(new Packet.Nack(new Header(PacketType.NACK, 0, m.stream(), 0, 0, sessionId), proof, m.sequences()));
        }
    }

    void sayGoodbye() throws IOException {
        if (welcomed()) {
            server.send(new Packet.Goodbye(Header.control(PacketType.GOODBYE, sessionId), proof));
        }
    }

    /** Until both the welcome (proof) and the session info came, the receiver keeps subscribing. */
    private boolean subscribing() {
        return !joined || proof == null;
    }

    private boolean welcomed() {
        return joined && proof != null;
    }

    private void sendSubscribe() throws IOException {
        server.send(new Packet.Subscribe(Header.control(PacketType.SUBSCRIBE, 0), cookie));
    }

    private void sendReport(SessionPlayout playout, ReceiverCounters counters) throws IOException {
        AudioJitterBuffer a = playout.audio();
        long expected = a.received() + a.recoveredByFec() + a.recoveredByRetransmit() + a.concealed();
        long lost = expected - a.received();
        int fraction = counters.fractionLost(expected, lost);
        server.send(new Packet.ReceiverReport(new Header(PacketType.RECEIVER_REPORT, 0, StreamId.AUDIO, 0, 0, sessionId),
                proof, fraction, (int) Math.min(lost, 0xFFFFFF), Math.max(0, playout.highestAudioIndex()) & 0xFFFFFFFFL,
                (long) (playout.clock().jitterNanos() / 1000), a.concealed(),
                (int) (playout.clock().delayNanos() / 1_000_000)));
    }
}
