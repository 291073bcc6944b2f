package dev.netlab.common.discovery;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.OptionalInt;

/**
 * What one ANNOUNCE datagram says: a service of {@code tool} named {@code name} on
 * {@code servicePort} ({@link ServiceTransport#TCP} or UDP), with its TLS certificate fingerprint
 * (32 bytes, or none) and the non-secret rendezvous id of its pairing code (or none). An untrusted
 * hint: the address it came from is the only part the network vouches for, and not much.
 *
 * @param instanceId random per server start, so a restarted server is a new entry
 */
public record Announcement(long instanceId, String tool, String toolVersion, String name, ServiceTransport transport,
                           int servicePort, OptionalInt rendezvousId, byte[] fingerprint) {

    public Announcement {
        fingerprint = fingerprint.clone();
    }

    @Override
    public byte[] fingerprint() {
        return fingerprint.clone();
    }

    /** The host name, cut to what an announce holds: the default service name. */
    public static String defaultName() {
        String name;
        try {
            name = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            name = "netlab";
        }
        while (name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > AnnounceFormat.MAX_NAME_BYTES) {
            name = name.substring(0, name.length() - 1);
        }
        return name;
    }

    public boolean hasFingerprint() {
        return fingerprint.length > 0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Announcement a && instanceId == a.instanceId && tool.equals(a.tool)
                && toolVersion.equals(a.toolVersion) && name.equals(a.name) && transport == a.transport
                && servicePort == a.servicePort && rendezvousId.equals(a.rendezvousId)
                && Arrays.equals(fingerprint, a.fingerprint);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(instanceId) * 31 + Arrays.hashCode(fingerprint);
    }

    @Override
    public String toString() {
        return tool + " '" + name + "' " + transport + " port " + servicePort + " rendezvous "
                + (rendezvousId.isPresent() ? rendezvousId.getAsInt() : "-")
                + " fingerprint " + (hasFingerprint() ? HexFormat.of().formatHex(fingerprint) : "-");
    }

    /** The transport protocol of the announced service, with its IP protocol number on the wire. */
    public enum ServiceTransport {
        TCP(6), UDP(17);

        private final int wireValue;

        ServiceTransport(int wireValue) {
            this.wireValue = wireValue;
        }

        public int wireValue() {
            return wireValue;
        }

        static ServiceTransport fromWire(int value) throws MalformedAnnounceException {
            for (ServiceTransport t : values()) {
                if (t.wireValue == value) {
                    return t;
                }
            }
            throw new MalformedAnnounceException("transport " + value + " is neither 6 (TCP) nor 17 (UDP)");
        }
    }
}
