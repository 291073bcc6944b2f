package dev.netlab.filetransfer.bench;

import dev.netlab.bench.Executables;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The tools netlab's users measure it against, each with the programs it needs on this machine
 * and the Debian packages that bring them.
 */
public enum Peer {
    /** Raw TCP, no checks: the floor any file-transfer tool's overhead is measured from. */
    NC(List.of("nc"), "netcat-openbsd"),
    /** rsync talking to its own daemon over loopback, --whole-file, as users run it on a LAN. */
    RSYNC(List.of("rsync"), "rsync"),
    /** scp to an sshd of the benchmark's own on a loopback port: encrypted, like netlab --tls. */
    SCP(List.of("scp", "ssh", "sshd", "ssh-keygen"), "openssh-client openssh-server"),
    /** iperf3 memory to memory: the ceiling of this machine's loopback TCP. */
    IPERF3(List.of("iperf3"), "iperf3");

    private final List<String> programs;
    private final String packages;

    Peer(List<String> programs, String packages) {
        this.programs = programs;
        this.packages = packages;
    }

    /** The name users type, also the {@code tool} of the peer's run reports. */
    public String toolName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public List<String> programs() {
        return programs;
    }

    /** Programs this peer needs that are not installed here. */
    public List<String> missingPrograms() {
        List<String> missing = new ArrayList<>();
        for (String program : programs) {
            if (Executables.find(program).isEmpty()) {
                missing.add(program);
            }
        }
        return missing;
    }

    public boolean isInstalled() {
        return missingPrograms().isEmpty();
    }

    /** The one line a benchmark prints instead of measuring a peer that is not installed. */
    public String skipMessage() {
        return skipMessage(missingPrograms());
    }

    String skipMessage(List<String> missing) {
        return "skipping " + toolName() + ": " + String.join(", ", missing)
                + " not installed (apt-get install " + packages + ")";
    }

    /** Parses {@code nc,rsync,scp,iperf3} (any case, any order, repeats ignored). */
    public static Set<Peer> parseList(String list) {
        Set<Peer> peers = new LinkedHashSet<>();
        for (String name : list.split(",")) {
            String trimmed = name.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            peers.add(parse(trimmed));
        }
        return peers;
    }

    public static Peer parse(String name) {
        for (Peer peer : values()) {
            if (peer.toolName().equalsIgnoreCase(name)) {
                return peer;
            }
        }
        throw new IllegalArgumentException("unknown peer '" + name + "' (known: nc, rsync, scp, iperf3)");
    }
}
