package dev.netlab.lab.peer;

import dev.netlab.common.report.RunReportJson;
import dev.netlab.lab.WallClock;
import dev.netlab.lab.file.DatagramFileReceiver;
import dev.netlab.lab.file.DatagramFileSender;
import dev.netlab.lab.file.StreamFileReceiver;
import dev.netlab.lab.file.StreamFileSender;
import dev.netlab.lab.file.UdpCounters;
import dev.netlab.lab.media.PacketArrivals;
import dev.netlab.lab.media.TcpMediaReceiver;
import dev.netlab.lab.media.TcpMediaSender;
import dev.netlab.livestream.media.WavReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * One end of one of the lab's own transfers, run as a child process inside a network namespace
 * (a namespace belongs to a process, so the lab cannot open these sockets itself). Receivers
 * print {@code listening on HOST:PORT} once bound; every role ends by printing one line
 * {@code result JSON} and exiting 0, or an error line on stderr and exit 1. Not a user command:
 * the lab builds these argument lists itself.
 */
public final class LabPeer {

    /** Prefix of the one line of the result a role prints last. */
    public static final String RESULT_PREFIX = "result ";
    public static final String LISTENING_PREFIX = "listening on ";

    private LabPeer() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try {
            Object result = run(args[0], Arrays.copyOfRange(args, 1, args.length), out);
            out.println(RESULT_PREFIX + RunReportJson.mapper().writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(result));
            System.exit(0);
        } catch (IOException | RuntimeException e) {
            System.err.println("error: " + args[0] + ": " + e.getMessage());
            System.exit(1);
        }
    }

    private static Object run(String role, String[] a, PrintStream out) throws IOException {
        switch (role) {
            case "tcp-media-send" -> {
                int framesPerPacket = Integer.parseInt(a[2]);
                int packets = new TcpMediaSender(WavReader.read(Path.of(a[1])), framesPerPacket).stream(address(a[0]));
                return Map.of("packets", packets);
            }
            case "tcp-media-receive" -> {
                try (ServerSocket listener = listen(a[0])) {
                    out.println(LISTENING_PREFIX + a[0] + ":" + listener.getLocalPort());
                    PacketArrivals arrivals = new TcpMediaReceiver(listener, Integer.parseInt(a[1]))
                            .receive(WallClock.nowNanos() + Long.parseLong(a[2]), Long.parseLong(a[3]), Long.parseLong(a[4]));
                    writeArrivals(arrivals, Path.of(a[5]));
                    return Map.of("packets", arrivals.packets());
                }
            }
            case "udp-file-send" -> {
                int datagrams = new DatagramFileSender(Long.parseLong(a[2])).send(Path.of(a[1]), address(a[0]));
                return Map.of("datagrams", datagrams);
            }
            case "udp-file-receive" -> {
                DatagramFileReceiver receiver = DatagramFileReceiver.bind(new InetSocketAddress(a[0], 0), Long.parseLong(a[1]));
                long dropsBefore = UdpCounters.receiveBufferErrors();
                out.println(LISTENING_PREFIX + a[0] + ":" + receiver.localAddress().getPort());
                DatagramFileReceiver.Outcome outcome = receiver.receive(Path.of(a[3]), WallClock.nowNanos() + Long.parseLong(a[2]));
                long dropsAfter = UdpCounters.receiveBufferErrors();
                return new UdpReceipt(outcome, dropsBefore < 0 || dropsAfter < 0 ? -1 : dropsAfter - dropsBefore);
            }
            case "tcp-file-send" -> {
                return Map.of("seconds", StreamFileSender.send(Path.of(a[1]), address(a[0])));
            }
            case "tcp-file-receive" -> {
                try (ServerSocket listener = listen(a[0])) {
                    out.println(LISTENING_PREFIX + a[0] + ":" + listener.getLocalPort());
                    return Map.of("bytes", StreamFileReceiver.receive(listener, Path.of(a[2]), Long.parseLong(a[1])));
                }
            }
            default -> throw new IllegalArgumentException("unknown role " + role);
        }
    }

    /** What the bare UDP receiver saw, and the datagrams its own full socket buffer dropped (-1: unknown). */
    public record UdpReceipt(DatagramFileReceiver.Outcome outcome, long receiveBufferDrops) {
    }

    /** One line per packet that arrived: sequence number, send time, arrival time (ns). */
    private static void writeArrivals(PacketArrivals arrivals, Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file)) {
            for (int seq = 0; seq < arrivals.packets(); seq++) {
                if (arrivals.arrived(seq)) {
                    w.write(seq + " " + arrivals.due(seq) + " " + arrivals.arrival(seq) + "\n");
                }
            }
        }
    }

    /** Reads what {@link #writeArrivals} wrote, for a clip of {@code packets} packets. */
    public static PacketArrivals readArrivals(Path file, int packets) throws IOException {
        PacketArrivals arrivals = new PacketArrivals(packets);
        for (String line : Files.readAllLines(file)) {
            String[] f = line.split(" ");
            arrivals.arrived(Integer.parseInt(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]));
        }
        return arrivals;
    }

    private static ServerSocket listen(String host) throws IOException {
        return new ServerSocket(0, 1, InetAddress.getByName(host));
    }

    private static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }
}
