package dev.netlab.lab.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The kernel's UDP counters of this process's network namespace ({@code /proc/net/snmp}), for
 * telling datagrams the link lost from those the receiving socket's full buffer dropped: UDP
 * has no flow control, so a receiver that falls behind loses datagrams too.
 */
public final class UdpCounters {

    private static final Path SNMP = Path.of("/proc/net/snmp");

    private UdpCounters() {
    }

    /** Datagrams dropped because a socket's receive buffer was full, or -1 where not readable. */
    public static long receiveBufferErrors() {
        try {
            return parse(Files.readAllLines(SNMP), "RcvbufErrors");
        } catch (IOException | RuntimeException unavailable) {
            return -1;
        }
    }

    /** The value of {@code field} in the "Udp:" header and value lines of /proc/net/snmp, or -1. */
    static long parse(List<String> lines, String field) {
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (lines.get(i).startsWith("Udp:") && lines.get(i + 1).startsWith("Udp:")) {
                List<String> names = List.of(lines.get(i).trim().split("\\s+"));
                String[] values = lines.get(i + 1).trim().split("\\s+");
                int at = names.indexOf(field);
                return at < 0 ? -1 : Long.parseLong(values[at]);
            }
        }
        return -1;
    }
}
