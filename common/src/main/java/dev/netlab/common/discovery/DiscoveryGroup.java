package dev.netlab.common.discovery;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Where discovery datagrams go: a multicast group and port, and the interfaces they are sent on
 * and heard from. The production group is fixed ({@link #DEFAULT_GROUP}:{@link #DEFAULT_PORT},
 * administratively scoped, sent with TTL 1 so no router forwards it). Tests that run beside other
 * tests on one machine pick their own group and interface through the two system properties,
 * so parallel runs never hear each other.
 */
public record DiscoveryGroup(InetSocketAddress address, List<NetworkInterface> interfaces) {

    /** In 239.255.0.0/16, the organisation-local scope of RFC 2365: never routed off site. */
    public static final String DEFAULT_GROUP = "239.255.78.76";
    /** Unassigned by IANA; the same for both tools, which tell themselves apart by the tool field. */
    public static final int DEFAULT_PORT = 47847;
    /** {@code HOST:PORT} of another group, for tests; the default is used when unset. */
    public static final String GROUP_PROPERTY = "netlab.discovery.group";
    /** Comma-separated interface names to use instead of every multicast-capable one, for tests (e.g. {@code lo}). */
    public static final String INTERFACE_PROPERTY = "netlab.discovery.interface";
    /** Datagrams never leave the link: one hop. */
    public static final int TTL = 1;

    public DiscoveryGroup {
        if (!address.getAddress().isMulticastAddress()) {
            throw new IllegalArgumentException(address + " is not a multicast group");
        }
        interfaces = List.copyOf(interfaces);
    }

    /**
     * The group from the system properties, else the fixed default, on the interfaces they name,
     * else every interface that is up, can multicast, is not loopback and has an IPv4 address.
     *
     * @throws IOException when no such interface is up, with what to try instead
     */
    public static DiscoveryGroup fromEnvironment() throws IOException {
        InetSocketAddress group = parseGroup(System.getProperty(GROUP_PROPERTY, DEFAULT_GROUP + ":" + DEFAULT_PORT));
        String names = System.getProperty(INTERFACE_PROPERTY);
        List<NetworkInterface> interfaces = names == null ? lanInterfaces() : named(names);
        if (interfaces.isEmpty()) {
            throw new NothingAnnouncedException("no network interface that can multicast is up, so LAN discovery"
                    + " cannot work here; give the server's HOST:PORT instead");
        }
        return new DiscoveryGroup(group, interfaces);
    }

    /**
     * A group of its own on the loopback interface, for tests and the demo: nothing leaves the
     * machine, and parallel runs (each with its own random group and free port) never hear each other.
     */
    public static DiscoveryGroup privateOnLoopback() throws IOException {
        int port;
        try (java.net.DatagramSocket probe = new java.net.DatagramSocket(0)) {
            port = probe.getLocalPort();
        }
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        String group = "239.255." + random.nextInt(1, 255) + "." + random.nextInt(1, 255);
        NetworkInterface loopback = NetworkInterface.getByName("lo");
        if (loopback == null) {
            throw new IOException("no loopback interface named lo");
        }
        return new DiscoveryGroup(new InetSocketAddress(group, port), List.of(loopback));
    }

    /** {@code GROUP:PORT}, as {@link #GROUP_PROPERTY} takes it. */
    public String addressText() {
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    static InetSocketAddress parseGroup(String text) throws IOException {
        int colon = text.lastIndexOf(':');
        if (colon <= 0) {
            throw new IOException(GROUP_PROPERTY + " '" + text + "' is not GROUP:PORT");
        }
        try {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(text.substring(0, colon)),
                    Integer.parseInt(text.substring(colon + 1)));
            if (!address.getAddress().isMulticastAddress()) {
                throw new IOException(GROUP_PROPERTY + " '" + text + "' is not a multicast group");
            }
            return address;
        } catch (NumberFormatException e) {
            throw new IOException(GROUP_PROPERTY + " '" + text + "' has no port number", e);
        }
    }

    private static List<NetworkInterface> named(String names) throws IOException {
        List<NetworkInterface> result = new ArrayList<>();
        for (String name : names.split(",")) {
            NetworkInterface found = NetworkInterface.getByName(name.strip());
            if (found == null) {
                throw new IOException(INTERFACE_PROPERTY + " names no interface '" + name.strip() + "'");
            }
            result.add(found);
        }
        return result;
    }

    private static List<NetworkInterface> lanInterfaces() throws SocketException {
        List<NetworkInterface> result = new ArrayList<>();
        for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (ni.isUp() && ni.supportsMulticast() && !ni.isLoopback() && hasIpv4(ni)) {
                result.add(ni);
            }
        }
        return result;
    }

    private static boolean hasIpv4(NetworkInterface ni) {
        return Collections.list(ni.getInetAddresses()).stream().anyMatch(a -> a instanceof Inet4Address);
    }
}
