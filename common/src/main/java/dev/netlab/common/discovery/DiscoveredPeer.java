package dev.netlab.common.discovery;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * A service heard on the LAN: its latest announce, the address it came from and how long ago.
 * The service is reached at the datagram's source address and the announced port; nothing here
 * is proven.
 */
public record DiscoveredPeer(Announcement announcement, InetAddress address, Duration age) {

    public InetSocketAddress serviceAddress() {
        return new InetSocketAddress(address, announcement.servicePort());
    }

    /** {@code HOST:PORT}, IPv6 in brackets. */
    public String serviceText() {
        String host = address.getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + announcement.servicePort();
    }
}
