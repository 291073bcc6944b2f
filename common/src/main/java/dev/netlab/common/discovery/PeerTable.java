package dev.netlab.common.discovery;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The services heard recently, one entry per (source address, instance id, tool), bounded at
 * {@link #MAX_PEERS}; an entry not heard for {@link #EXPIRY} is gone. When the table is full of
 * live entries, announces of new services are dropped (and counted by the caller): the services
 * already known keep their places. Not thread-safe; {@link PeerListener} guards it.
 */
final class PeerTable {

    /** Far more services than one LAN shows; a flood of forged instance ids stops here. */
    static final int MAX_PEERS = 256;
    /** Three announce intervals and a second: one or two lost announces do not drop a live server. */
    static final Duration EXPIRY = Announcer.INTERVAL.multipliedBy(3).plusSeconds(1);

    private record Key(InetAddress address, long instanceId, String tool) {
    }

    private record Entry(Announcement announcement, InetAddress address, long lastSeenNanos) {
    }

    private final Map<Key, Entry> entries = new LinkedHashMap<>();

    /** @return false when the table is full and this is a new service */
    boolean record(Announcement announcement, InetAddress address, long nowNanos) {
        Key key = new Key(address, announcement.instanceId(), announcement.tool());
        if (!entries.containsKey(key) && entries.size() >= MAX_PEERS) {
            expire(nowNanos);
            if (entries.size() >= MAX_PEERS) {
                return false;
            }
        }
        entries.put(key, new Entry(announcement, address, nowNanos));
        return true;
    }

    /** Live entries in the order they were first heard. */
    List<DiscoveredPeer> live(long nowNanos) {
        expire(nowNanos);
        List<DiscoveredPeer> result = new ArrayList<>();
        for (Entry e : entries.values()) {
            result.add(new DiscoveredPeer(e.announcement, e.address, Duration.ofNanos(nowNanos - e.lastSeenNanos)));
        }
        return result;
    }

    private void expire(long nowNanos) {
        entries.values().removeIf(e -> nowNanos - e.lastSeenNanos > EXPIRY.toNanos());
    }
}
