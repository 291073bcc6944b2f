package dev.netlab.livestream.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** ffmpeg as the real client of the RTP tests: whether it is here, free ports for it, decoding. */
public final class Ffmpeg {

    public static final String MISSING = "ffmpeg is not installed (apt-get install -y ffmpeg): test skipped";

    private Ffmpeg() {
    }

    public static boolean present() {
        try {
            Process p = new ProcessBuilder("ffmpeg", "-version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The kernel's tables of bound UDP sockets (Linux; udp6 absent without IPv6), one line per socket after a header. */
    private static final List<Path> UDP_TABLES = List.of(Path.of("/proc/net/udp"), Path.of("/proc/net/udp6"));

    /**
     * True when something (ffmpeg, once listening) holds this UDP port. Read from the kernel's
     * tables, not probed by binding the port: ffmpeg binds 0.0.0.0:PORT once and exits on "Address
     * already in use", so a probe that held the port at that instant would make ffmpeg fail.
     */
    public static boolean portTaken(int port) {
        if (!Files.isReadable(UDP_TABLES.get(0))) {
            return bindFails(port);
        }
        String localPort = String.format(Locale.ROOT, ":%04X", port);
        for (Path table : UDP_TABLES.stream().filter(Files::isReadable).toList()) {
            try (Stream<String> lines = Files.lines(table)) {
                // local_address is the second field, e.g. 0100007F:9CA4
                if (lines.skip(1).map(line -> line.trim().split("\\s+"))
                        .anyMatch(fields -> fields.length > 1 && fields[1].endsWith(localPort))) {
                    return true;
                }
            } catch (IOException e) {
                return bindFails(port);
            }
        }
        return false;
    }

    /** The portable check, where the kernel's tables cannot be read: binding the port fails. */
    private static boolean bindFails(int port) {
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress("127.0.0.1", port))) {
            return false;
        } catch (SocketException e) {
            return true;
        }
    }

    /** An even port P with P..P+3 free: audio RTP and RTCP, video RTP and RTCP. */
    public static int freePortBlock() throws SocketException {
        for (int i = 0; i < 100; i++) {
            int port;
            try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
                port = s.getLocalPort();
            }
            if (port % 2 == 0 && port < 65530 && !portTaken(port + 1) && !portTaken(port + 2) && !portTaken(port + 3)) {
                return port;
            }
        }
        throw new IllegalStateException("no free block of 4 UDP ports found");
    }

    /** Starts ffmpeg with {@code args} after the common ones, its messages going to {@code log}. */
    public static Process start(Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Asks ffmpeg to finish (SIGTERM: it writes what it has and exits), then makes sure it is gone. */
    public static void stop(Process ffmpeg) throws InterruptedException {
        ffmpeg.destroy();
        if (!ffmpeg.waitFor(20, TimeUnit.SECONDS)) {
            ffmpeg.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** Runs ffmpeg to completion and returns its standard output (e.g. raw PCM). */
    public static byte[] output(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out;
        try (InputStream in = p.getInputStream()) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            in.transferTo(buf);
            out = buf.toByteArray();
        }
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("ffmpeg " + String.join(" ", args) + " failed");
        }
        return out;
    }

    /** Runs ffmpeg to completion for its side effect (making a test file). */
    public static void make(String... args) throws IOException, InterruptedException {
        output(args);
    }
}
