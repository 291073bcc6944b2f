package dev.netlab.livestream.impair;

import java.net.InetSocketAddress;

/**
 * Parses the {@code HOST:PORT} and {@code PORT} arguments of {@code impair}; an IPv6 host is
 * written in brackets ({@code [::1]:5004}). The address is left unresolved: resolving is the
 * caller's step, so an unknown host is reported as such and not as bad syntax.
 */
final class HostPort {

    /** Where {@code --listen PORT} binds when no host is given: loopback, never the LAN. */
    static final String DEFAULT_LISTEN_HOST = "127.0.0.1";

    private HostPort() {
    }

    static InetSocketAddress parse(String text, String defaultHost, int minPort) {
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
        if (number < minPort || number > 65535) {
            throw new IllegalArgumentException("'" + text + "': port " + number + " not in " + minPort + "..65535");
        }
        return InetSocketAddress.createUnresolved(host, number);
    }

    /** {@code 127.0.0.1:5004} or {@code [::1]:5004}. */
    static String format(InetSocketAddress address) {
        String host = address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
