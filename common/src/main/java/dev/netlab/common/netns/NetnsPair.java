package dev.netlab.common.netns;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Two hosts on one machine: two Linux network namespaces joined by a veth pair, with real kernel
 * networking between them, random loss from nftables and a rate limit from tbf (this kernel has
 * no netem). The lab runs both jobs over it and the two-host tests run client and server in it.
 *
 * <p>Host {@code a} has {@code 10.231.0.1/24}, host {@code b} {@code 10.231.0.2/24}; each has its
 * loopback up and a route for multicast (224.0.0.0/4) over the veth, so LAN discovery works
 * between them. The addresses exist only inside the namespaces, so two pairs never collide.
 * Programs run inside a host as child processes ({@code ip netns exec}): a namespace belongs to a
 * thread, not to a JVM, so an in-process socket cannot be put into one.
 *
 * <p>{@link #close()} kills what still runs inside and removes both namespaces (the veth and the
 * nftables rules go with them); a shutdown hook does the same if the JVM is interrupted first.
 * Making namespaces needs CAP_NET_ADMIN: {@link #unavailableReason()} says, in one line, why it
 * cannot be done here.
 */
public final class NetnsPair implements AutoCloseable {

    /** Prefix of every namespace this class makes, so a leftover one is recognisable. */
    public static final String NAME_PREFIX = "netlab-";

    /** The /24 both ends live in; private, and reachable only inside the two namespaces. */
    private static final String SUBNET = "10.231.0.";
    private static final int PREFIX_LENGTH = 24;

    /** ip, nft and tc answer in milliseconds; anything slower than this is stuck. */
    private static final long COMMAND_TIMEOUT_SECONDS = 15;

    /** nftables' numgen draws from this range; 10000 gives loss rates in steps of 0.01 %. */
    private static final int LOSS_RESOLUTION = 10_000;

    /** tbf needs a bucket of at least one timer tick's worth of bytes; 10 ms of the rate is safe. */
    private static final long MIN_BURST_BYTES = 32 * 1024;
    private static final String TBF_LATENCY = "50ms";

    private static final AtomicInteger PAIRS_MADE = new AtomicInteger();
    private static volatile Optional<String> cachedReason;

    private final Host a;
    private final Host b;
    private final Thread cleanupOnExit;
    private boolean closed;

    private NetnsPair(Host a, Host b) {
        this.a = a;
        this.b = b;
        this.cleanupOnExit = new Thread(this::removeNamespaces, "netns-cleanup-" + a.namespace);
    }

    /**
     * The flags of this JVM that a child on the same class path can share: the launcher's AOT
     * cache (Java 25) or CDS archive (Java 17), valid for the same class path, the collector the
     * cache was made with, and the silencing of the JVM's cache messages.
     */
    static final List<String> INHERITED_FLAGS = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
            .filter(flag -> flag.startsWith("-XX:AOTCache=") || flag.startsWith("-XX:SharedArchiveFile=")
                    || flag.equals("-XX:+UseSerialGC") || flag.startsWith("-Xlog:aot") || flag.startsWith("-Xlog:cds"))
            .toList();

    /** One host of the pair: a namespace with one end of the veth and its address. */
    public static final class Host {
        private final String namespace;
        private final String interfaceName;
        private final InetAddress address;

        Host(String namespace, String interfaceName, InetAddress address) {
            this.namespace = namespace;
            this.interfaceName = interfaceName;
            this.address = address;
        }

        public String namespace() {
            return namespace;
        }

        /** The veth end inside this namespace. */
        public String interfaceName() {
            return interfaceName;
        }

        public InetAddress address() {
            return address;
        }

        /** A process that runs {@code argv} inside this host's namespace. */
        public ProcessBuilder command(String... argv) {
            return command(List.of(argv));
        }

        public ProcessBuilder command(List<String> argv) {
            List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
            full.addAll(argv);
            return new ProcessBuilder(full);
        }

        /**
         * A JVM inside this host running {@code mainClass} with this JVM's own class path: the
         * usual way to put one of netlab's tools on the other host. It also gets this JVM's
         * start-up cache and collector when a {@code bin/} launcher gave it them ({@link
         * #INHERITED_FLAGS}), so a tool started for a measurement does not spend the cores the
         * measurement runs on loading classes.
         */
        public ProcessBuilder java(String mainClass, String... args) {
            List<String> argv = new ArrayList<>();
            argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            argv.addAll(INHERITED_FLAGS);
            argv.add("-cp");
            argv.add(System.getProperty("java.class.path"));
            argv.add(mainClass);
            argv.addAll(List.of(args));
            return command(argv);
        }

        @Override
        public String toString() {
            return namespace + " (" + address.getHostAddress() + ")";
        }
    }

    /**
     * Empty when this process can make namespaces here; otherwise one line saying why not
     * (not root, {@code ip} or {@code nft} missing, namespaces refused by the kernel).
     */
    public static Optional<String> unavailableReason() {
        Optional<String> reason = cachedReason;
        if (reason == null) {
            reason = probe();
            cachedReason = reason;
        }
        return reason;
    }

    private static Optional<String> probe() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return Optional.of("network namespaces need Linux");
        }
        for (String tool : List.of("ip", "nft", "tc")) {
            if (findTool(tool).isEmpty()) {
                String pkg = tool.equals("nft") ? "nftables" : "iproute2";
                return Optional.of("'" + tool + "' is not installed (Debian package " + pkg + ")");
            }
        }
        String probe = NAME_PREFIX + "probe-" + ProcessHandle.current().pid();
        try {
            run("ip", "netns", "add", probe);
            run("ip", "netns", "del", probe);
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("cannot make a network namespace here (needs root or CAP_NET_ADMIN): "
                    + e.getMessage());
        }
    }

    /**
     * Makes the two namespaces and the veth between them. {@code tag} goes into the names
     * (with this process's id and a counter, so concurrent runs never share a name).
     */
    public static NetnsPair create(String tag) throws IOException {
        Optional<String> reason = unavailableReason();
        if (reason.isPresent()) {
            throw new IOException(reason.get());
        }
        int n = PAIRS_MADE.incrementAndGet();
        long pid = ProcessHandle.current().pid();
        String base = NAME_PREFIX + tag.replaceAll("[^A-Za-z0-9]", "") + "-" + pid + "-" + n;
        // Interface names are at most 15 bytes; these exist only inside the namespaces.
        String ifBase = "nl" + Long.toString(pid, 36) + "x" + Integer.toString(n, 36);
        Host a = new Host(base + "-a", ifBase + "a", address(1));
        Host b = new Host(base + "-b", ifBase + "b", address(2));
        NetnsPair pair = new NetnsPair(a, b);
        Runtime.getRuntime().addShutdownHook(pair.cleanupOnExit);
        try {
            run("ip", "netns", "add", a.namespace);
            run("ip", "netns", "add", b.namespace);
            run("ip", "link", "add", a.interfaceName, "netns", a.namespace, "type", "veth",
                    "peer", "name", b.interfaceName, "netns", b.namespace);
            for (Host host : List.of(a, b)) {
                run("ip", "-n", host.namespace, "link", "set", "lo", "up");
                run("ip", "-n", host.namespace, "addr", "add",
                        host.address.getHostAddress() + "/" + PREFIX_LENGTH, "dev", host.interfaceName);
                run("ip", "-n", host.namespace, "link", "set", host.interfaceName, "up");
                run("ip", "-n", host.namespace, "route", "add", "224.0.0.0/4", "dev", host.interfaceName);
                nft(host, "add table inet netlab");
                nft(host, "add chain inet netlab ingress { type filter hook prerouting priority -300 ; policy accept ; }");
            }
        } catch (IOException | RuntimeException e) {
            pair.close();
            throw e;
        }
        return pair;
    }

    public Host a() {
        return a;
    }

    public Host b() {
        return b;
    }

    /**
     * Drops this share of the packets arriving at each host over the veth, drawn independently
     * per packet (nftables {@code numgen random}); 0 removes the loss. Both directions lose alike.
     * The drop is on the receiving side, as loss on a wire is: the sender's send succeeds (a drop
     * in the sender's own output hook would fail its send with EPERM, which no real link does).
     */
    public void setLossPercent(double percent) throws IOException {
        if (!(percent >= 0 && percent <= 100)) {
            throw new IllegalArgumentException("loss must be between 0 and 100 %, not " + percent);
        }
        long threshold = Math.round(percent / 100 * LOSS_RESOLUTION);
        for (Host host : List.of(a, b)) {
            nft(host, "flush chain inet netlab ingress");
            String match = "iifname \"" + host.interfaceName + "\"";
            if (threshold >= LOSS_RESOLUTION) {
                nft(host, "add rule inet netlab ingress " + match + " drop");
            } else if (threshold > 0) {
                nft(host, "add rule inet netlab ingress " + match
                        + " numgen random mod " + LOSS_RESOLUTION + " < " + threshold + " drop");
            }
        }
    }

    /**
     * Makes every packet crossing the veth one wire-sized (MTU) packet, as on a real link, so the
     * loss set by {@link #setLossPercent} applies per packet. By default the kernel hands a veth
     * TCP segments of up to 64 KB (generic segmentation offload, split only at a real NIC), and a
     * dropped one then loses 45 packets' worth of data at once in a single loss event: TCP over
     * such a link suffers fewer, larger losses than over a wire with the same loss rate.
     */
    public void splitIntoWirePackets() throws IOException {
        for (Host host : List.of(a, b)) {
            run("ip", "-n", host.namespace, "link", "set", "dev", host.interfaceName, "gso_max_segs", "1");
        }
    }

    /** Limits each direction of the link to {@code bitsPerSecond} with a token bucket (tbf). */
    public void setRate(long bitsPerSecond) throws IOException {
        if (bitsPerSecond <= 0) {
            throw new IllegalArgumentException("rate must be positive, not " + bitsPerSecond);
        }
        long burst = Math.max(MIN_BURST_BYTES, bitsPerSecond / 8 / 100);
        for (Host host : List.of(a, b)) {
            run("tc", "-n", host.namespace, "qdisc", "replace", "dev", host.interfaceName, "root", "tbf",
                    "rate", bitsPerSecond + "bit", "burst", String.valueOf(burst), "latency", TBF_LATENCY);
        }
    }

    /** Kills what still runs in either namespace and removes both; safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        removeNamespaces();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanupOnExit);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or about to; it removes what is left.
        }
    }

    private void removeNamespaces() {
        for (Host host : List.of(a, b)) {
            try {
                for (String pid : run("ip", "netns", "pids", host.namespace).split("\\s+")) {
                    if (!pid.isBlank()) {
                        ProcessHandle.of(Long.parseLong(pid.trim())).ifPresent(ProcessHandle::destroyForcibly);
                    }
                }
                run("ip", "netns", "del", host.namespace);
            } catch (IOException | RuntimeException alreadyGone) {
                // Nothing to remove: it was never made or is gone already.
            }
        }
    }

    private static void nft(Host host, String rule) throws IOException {
        run("ip", "netns", "exec", host.namespace, "nft", rule);
    }

    private static InetAddress address(int lastByte) {
        try {
            return InetAddress.getByName(SUBNET + lastByte);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<Path> findTool(String name) {
        List<String> folders = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        folders.addAll(List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin"));
        return folders.stream()
                .filter(folder -> !folder.isEmpty())
                .map(folder -> Path.of(folder, name))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** Runs one administrative command to completion; its output, or an error with its stderr. */
    private static String run(String... argv) throws IOException {
        List<String> command = new ArrayList<>(List.of(argv));
        findTool(argv[0]).ifPresent(path -> command.set(0, path.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", argv) + ": no answer in " + COMMAND_TIMEOUT_SECONDS + " s");
            }
            String text = new String(output, StandardCharsets.UTF_8).trim();
            if (process.exitValue() != 0) {
                throw new IOException(String.join(" ", argv) + ": " + (text.isEmpty()
                        ? "exit " + process.exitValue() : text.lines().findFirst().orElse(text)));
            }
            return text;
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(String.join(" ", argv) + ": interrupted", e);
        }
    }
}
