package dev.netlab.livestream.sender;

import dev.netlab.livestream.rtp.Packet;
import java.security.MessageDigest;
import java.net.SocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One receiver of the broadcast, known by its address (there is no connection: a subscribe
 * that echoes the address's cookie creates it, heartbeats keep it, a goodbye or silence ends
 * it). It holds the random proof the server handed it in its welcome; a control message from
 * its address counts only with that proof.
 *
 * <p>Thread use: {@code lastHeardNanos} and {@code infoWanted} are written by the control
 * thread and read by the broadcast thread (volatile); the session info is set once by the
 * broadcast thread; the retransmission log is only touched by the control thread.
 */
public final class Subscriber {

    /** Packets whose retransmissions are remembered per subscriber (about 5 s of audio and frames). */
    static final int RETRANSMIT_LOG_CAPACITY = 4096;

    private final SocketAddress address;
    private final byte[] proof;
    private final long joinedNanos;
    private volatile long lastHeardNanos;
    private volatile boolean infoWanted = true;
    private volatile Packet.SessionInfo info;
    private volatile Packet.ReceiverReport lastReport;
    private final Map<Integer, long[]> retransmitted = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, long[]> eldest) {
            return size() > RETRANSMIT_LOG_CAPACITY;
        }
    };

    Subscriber(SocketAddress address, byte[] proof, long nowNanos) {
        this.address = address;
        this.proof = proof.clone();
        this.joinedNanos = nowNanos;
        this.lastHeardNanos = nowNanos;
    }

    public SocketAddress address() {
        return address;
    }

    /** The proof to hand this subscriber in its welcome (a copy). */
    byte[] proof() {
        return proof.clone();
    }

    /** Whether a control message's proof is this subscriber's; compared in constant time. */
    boolean provenBy(byte[] claimed) {
        return MessageDigest.isEqual(proof, claimed);
    }

    public long joinedNanos() {
        return joinedNanos;
    }

    void heard(long nowNanos) {
        lastHeardNanos = nowNanos;
    }

    long lastHeardNanos() {
        return lastHeardNanos;
    }

    /** The subscriber asked (again) for the session info; the broadcast thread sends it. */
    void wantInfo() {
        infoWanted = true;
    }

    boolean infoWanted() {
        return infoWanted;
    }

    void infoSent() {
        infoWanted = false;
    }

    /** The session info fixed when the broadcast thread first reached this subscriber. */
    Packet.SessionInfo info() {
        return info;
    }

    void info(Packet.SessionInfo first) {
        info = first;
    }

    void report(Packet.ReceiverReport report) {
        lastReport = report;
    }

    public Packet.ReceiverReport lastReport() {
        return lastReport;
    }

    /**
     * Decides whether to answer a NACK for this packet: at most {@code maxTimes} per packet,
     * and never twice within {@code holdoffNanos} (a duplicated NACK datagram is answered once).
     */
    boolean mayRetransmit(int streamAndSequence, long nowNanos, int maxTimes, long holdoffNanos) {
        long[] log = retransmitted.get(streamAndSequence);
        if (log == null) {
            retransmitted.put(streamAndSequence, new long[] {1, nowNanos});
            return true;
        }
        if (log[0] >= maxTimes || nowNanos - log[1] < holdoffNanos) {
            return false;
        }
        log[0]++;
        log[1] = nowNanos;
        return true;
    }
}
