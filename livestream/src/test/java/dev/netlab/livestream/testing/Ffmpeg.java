package dev.netlab.livestream.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

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

    /** True when something (ffmpeg, once listening) holds this loopback UDP port. */
    public static boolean portTaken(int port) {
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
