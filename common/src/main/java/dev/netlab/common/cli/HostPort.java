package dev.netlab.common.cli;

import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * The one parser of both tools' {@code HOST:PORT} arguments (and of a bare {@code PORT} where a
 * command has a default host); an IPv6 host is written in brackets ({@code [::1]:5004}). Parsing
 * leaves the address unresolved: resolving is a step of its own ({@link #resolve}), so an unknown
 * host is reported as such and not as bad syntax. Errors are {@link IllegalArgumentException}s
 * whose message quotes the argument; {@link HostPortConverter} turns them into usage errors.
 */
public final class HostPort {

    /** The lowest port a peer can be reached on; 0 only makes sense for binding. */
    public static final int MIN_PEER_PORT = 1;
    public static final int MAX_PORT = 65535;

    private HostPort() {
    }

    /** {@code HOST:PORT} with a port in 1..65535, unresolved. */
    public static InetSocketAddress parse(String text) {
        return parse(text, null, MIN_PEER_PORT);
    }

    /**
     * {@code HOST:PORT}, or {@code PORT} alone when {@code defaultHost} is not null, with a port
     * in {@code minPort}..65535; unresolved.
     */
    public static InetSocketAddress parse(String text, String defaultHost, int minPort) {
        String value = text.trim();
        String host = defaultHost;
        String port = value;
        int colon = value.lastIndexOf(':');
        if (colon >= 0) {
            host = value.substring(0, colon);
            port = value.substring(colon + 1);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
        }
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' is not HOST:PORT (examples: 127.0.0.1:5004, [::1]:5004)");
        }
        int number;
        try {
            number = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "': port '" + port + "' is not a number");
        }
        if (number < minPort || number > MAX_PORT) {
            throw new IllegalArgumentException("'" + text + "': port " + number + " not in " + minPort + ".." + MAX_PORT);
        }
        return InetSocketAddress.createUnresolved(host, number);
    }

    /** Looks the host up; {@code unknown host NAME} when it cannot be. */
    public static InetSocketAddress resolve(InetSocketAddress address) throws UnknownHostException {
        InetSocketAddress resolved = new InetSocketAddress(address.getHostString(), address.getPort());
        if (resolved.isUnresolved()) {
            throw new UnknownHostException("unknown host " + address.getHostString());
        }
        return resolved;
    }

    /** {@code 127.0.0.1:5004} or {@code [::1]:5004}. */
    public static String format(InetSocketAddress address) {
        String host = address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
