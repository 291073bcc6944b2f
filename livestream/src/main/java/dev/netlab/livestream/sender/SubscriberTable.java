package dev.netlab.livestream.sender;

import dev.netlab.livestream.rtp.PacketFormat;
import java.net.SocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The current subscribers, by address, capped at a maximum. Only addresses that proved their
 * return path (a valid cookie) are added; nothing is kept for addresses that did not. Each new
 * subscriber gets a random proof from a SecureRandom. The broadcast thread reads a snapshot
 * per packet; the control thread adds, touches and removes. Thread-safe.
 */
public final class SubscriberTable {

    private final int max;
    private final SecureRandom random;
    private final Map<SocketAddress, Subscriber> byAddress = new ConcurrentHashMap<>();
    private volatile Subscriber[] snapshot = new Subscriber[0];

    public SubscriberTable(int max) {
        this(max, new SecureRandom());
    }

    SubscriberTable(int max, SecureRandom random) {
        this.max = max;
        this.random = random;
    }

    /** Result of a subscribe: the subscriber (new or existing), or null when the table is full. */
    public synchronized Subscriber subscribe(SocketAddress address, long nowNanos) {
        Subscriber existing = byAddress.get(address);
        if (existing != null) {
            existing.heard(nowNanos);
            return existing;
        }
        if (byAddress.size() >= max) {
            return null;
        }
        byte[] proof = new byte[PacketFormat.PROOF_LENGTH];
        random.nextBytes(proof);
        Subscriber s = new Subscriber(address, proof, nowNanos);
        byAddress.put(address, s);
        refresh();
        return s;
    }

    public Subscriber get(SocketAddress address) {
        return byAddress.get(address);
    }

    public synchronized Subscriber remove(SocketAddress address) {
        Subscriber s = byAddress.remove(address);
        if (s != null) {
            refresh();
        }
        return s;
    }

    /** Removes and returns the subscribers not heard from since {@code nowNanos - timeoutNanos}. */
    public synchronized List<Subscriber> expire(long nowNanos, long timeoutNanos) {
        List<Subscriber> gone = new ArrayList<>();
        for (Subscriber s : byAddress.values()) {
            if (nowNanos - s.lastHeardNanos() > timeoutNanos) {
                gone.add(s);
            }
        }
        gone.forEach(s -> byAddress.remove(s.address()));
        if (!gone.isEmpty()) {
            refresh();
        }
        return gone;
    }

    /** The subscribers at this moment; the array is never modified afterwards. */
    public Subscriber[] snapshot() {
        return snapshot;
    }

    public int size() {
        return byAddress.size();
    }

    private void refresh() {
        snapshot = byAddress.values().toArray(new Subscriber[0]);
    }
}
