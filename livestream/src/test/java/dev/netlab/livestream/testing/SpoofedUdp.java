package dev.netlab.livestream.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Sends UDP datagrams with a forged IPv4 source address, as an attacker on the LAN would:
 * python3 writes the IP and UDP headers itself on a raw socket (IP_HDRINCL; a UDP checksum of
 * 0 means "none" on IPv4). It needs root, and is used only towards loopback addresses.
 */
public final class SpoofedUdp {

    public static final Path PYTHON = Path.of("/usr/bin/python3");
    /** Upper bound on one python run: it sends a bounded number of datagrams and exits. */
    private static final long RUN_SECONDS = 20;

    private static final String SCRIPT = String.join("\n",
            "import socket, struct, sys",
            "src, sport, dst, dport, copies = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), int(sys.argv[5])",
            "payloads = [bytes.fromhex(h) for h in sys.argv[6:]]",
            "s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)",
            "s.setsockopt(socket.IPPROTO_IP, socket.IP_HDRINCL, 1)",
            "for _ in range(copies):",
            "    for p in payloads:",
            "        udp = struct.pack('!HHHH', sport, dport, 8 + len(p), 0) + p",
            "        ip = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(udp), 0, 0, 64, socket.IPPROTO_UDP, 0,",
            "                         socket.inet_aton(src), socket.inet_aton(dst))",
            "        s.sendto(ip + udp, (dst, 0))",
            "");

    private SpoofedUdp() {
    }

    /** A random loopback address other than 127.0.0.1, for a victim or a forged source. */
    public static String randomLoopbackHost() {
        return "127.0.0." + ThreadLocalRandom.current().nextInt(2, 255);
    }

    /** Why datagrams cannot be forged here, or null when they can (checked by forging one). */
    public static String unavailableReason() {
        try {
            if (!Files.isExecutable(PYTHON)) {
                return "forging a source address needs " + PYTHON + ", which is missing";
            }
            if (!Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"))) {
                return "forging a source address needs a raw socket: run the tests as root";
            }
            try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(randomLoopbackHost(), 0))) {
                InetSocketAddress forged = new InetSocketAddress(randomLoopbackHost(), 40_000);
                send(forged, (InetSocketAddress) probe.getLocalSocketAddress(), List.of(new byte[] {42}), 1);
                probe.setSoTimeout(3000);
                DatagramPacket d = new DatagramPacket(new byte[16], 16);
                probe.receive(d);
                return forged.equals(d.getSocketAddress()) ? null
                        : "a forged datagram arrived from " + d.getSocketAddress() + ", not " + forged;
            }
        } catch (SocketTimeoutException e) {
            return "a forged datagram did not arrive on loopback within 3 s";
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "cannot forge a source address here: " + e.getMessage();
        }
    }

    /** Sends every payload {@code copies} times, each from {@code source} to {@code to} (both IPv4). */
    public static void send(InetSocketAddress source, InetSocketAddress to, List<byte[]> payloads, int copies)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(PYTHON.toString(), "-c", SCRIPT,
                source.getAddress().getHostAddress(), Integer.toString(source.getPort()),
                to.getAddress().getHostAddress(), Integer.toString(to.getPort()), Integer.toString(copies)));
        payloads.forEach(p -> command.add(HexFormat.of().formatHex(p)));
        Process python = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!python.waitFor(RUN_SECONDS, TimeUnit.SECONDS)) {
                python.destroyForcibly();
                throw new IOException("python3 did not finish sending within " + RUN_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            python.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while python3 was sending", e);
        }
        if (python.exitValue() != 0) {
            String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            throw new IOException("python3 raw send failed: " + output.lines().reduce((a, b) -> b).orElse(""));
        }
    }
}
