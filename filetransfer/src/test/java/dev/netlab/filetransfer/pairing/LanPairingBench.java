package dev.netlab.filetransfer.pairing;

import dev.netlab.common.netns.NetnsPair;
import dev.netlab.filetransfer.cli.FiletransferCli;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Not a test: the issue-12 benchmark. Two namespaces joined by a veth limited to 1 Gbit/s (tbf);
 * {@code serve --lan} on host a; on host b, in interleaved rounds, {@code nc} sends the file to an
 * {@code nc -l} writing it to disk, and {@code filetransfer send --code CODE FILE} (discovery,
 * pairing, TLS, verified write) sends it, each whole command timed from start to the receiver
 * holding the file; and, as the control that shows what pairing adds, {@code send HOST:PORT --tls}
 * to a {@code serve --tls} beside it. Also times {@link LanFindProbe}: how long {@code --code} takes to find the server.
 *
 * <p>Arguments: {@code SIZE_MIB [rounds] [rate_bits_per_second]}. Run with the test class path:
 * {@code java -cp "$(cat cp.txt)" dev.netlab.filetransfer.pairing.LanPairingBench 1024 3}. The
 * tools run through the launcher a user runs, {@code bin/filetransfer} (Java 25 and its start-up
 * cache where installed), when {@code -Dlauncher=bin/filetransfer} names it; else in a JVM like
 * this one, with its class path.
 */
public final class LanPairingBench {

    private static final String CLI = FiletransferCli.class.getName();
    private static final int NC_PORT = 5555;
    private static final String LAUNCHER = System.getProperty("launcher");

    private LanPairingBench() {
    }

    public static void main(String[] args) throws Exception {
        long mib = args.length > 0 ? Long.parseLong(args[0]) : 1024;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        long rate = args.length > 2 ? Long.parseLong(args[2]) : 1_000_000_000L;
        if (NetnsPair.unavailableReason().isPresent()) {
            System.err.println("cannot make namespaces: " + NetnsPair.unavailableReason().get());
            System.exit(2);
        }
        Path work = Files.createTempDirectory("lan-pairing-bench");
        Path file = work.resolve("payload.bin");
        writeRandom(file, mib * 1024 * 1024);
        try (NetnsPair pair = NetnsPair.create("lanbench" + ProcessHandle.current().pid())) {
            pair.setRate(rate);
            Path served = Files.createDirectories(work.resolve("served"));
            Path servedTls = Files.createDirectories(work.resolve("served-tls"));
            try (LanServeProcess server = new LanServeProcess(tool(pair.a(), "serve", "--lan", "--dir",
                    served.toString(), "--port", "0", "--tls-identity", work.resolve("a.p12").toString()));
                 LanServeProcess tlsServer = new LanServeProcess(tool(pair.a(), "serve", "--tls", "--dir",
                         servedTls.toString(), "--port", "0", "--bind", "0.0.0.0",
                         "--tls-identity", work.resolve("a.p12").toString()))) {
                String code = server.awaitLine("pairing code: ", 120).substring("pairing code: ".length());
                String listening = tlsServer.awaitLine("listening on ", 120);
                String tlsTarget = pair.a().address().getHostAddress() + listening.substring(listening.lastIndexOf(':'));
                for (int round = 1; round <= rounds; round++) {
                    double nc = timeNc(pair, file, work.resolve("nc-received.bin"));
                    delete(work.resolve("nc-received.bin"));
                    double paired = timeSend(pair, file, work, "round" + round, "--code", code);
                    delete(served.resolve("round" + round));
                    double tls = timeSend(pair, file, work, "round" + round, tlsTarget, "--tls");
                    delete(servedTls.resolve("round" + round));
                    String find = run(pair.b().java(LanFindProbe.class.getName(), code, "4"));
                    System.out.printf(Locale.ROOT, "round %d: nc %.2f s (%.1f MB/s); send --code %.2f s (%.1f MB/s),"
                                    + " %.3f x nc; send HOST:PORT --tls %.2f s (%.1f MB/s); %s%n", round, nc, mb(file, nc),
                            paired, mb(file, paired), nc / paired, tls, mb(file, tls), find.strip());
                }
            }
        } finally {
            delete(work);
        }
    }

    private static ProcessBuilder tool(NetnsPair.Host host, String... args) {
        if (LAUNCHER == null) {
            return host.java(CLI, args);
        }
        java.util.List<String> argv = new java.util.ArrayList<>(java.util.List.of(Path.of(LAUNCHER).toAbsolutePath().toString()));
        argv.addAll(java.util.List.of(args));
        return host.command(argv);
    }

    private static double timeNc(NetnsPair pair, Path file, Path received) throws Exception {
        Process listener = pair.a().command("sh", "-c", "exec nc -l -p " + NC_PORT + " > " + received).start();
        Thread.sleep(300); // nc -l prints nothing when ready; it binds at once
        long start = System.nanoTime();
        Process sender = pair.b().command("sh", "-c", "exec nc -N " + pair.a().address().getHostAddress() + " "
                + NC_PORT + " < " + file).start();
        if (!listener.waitFor(30, TimeUnit.MINUTES) || !sender.waitFor(1, TimeUnit.MINUTES)) {
            throw new IOException("nc did not finish");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (Files.size(received) != Files.size(file)) {
            throw new IOException("nc delivered " + Files.size(received) + " of " + Files.size(file) + " bytes");
        }
        return seconds;
    }

    private static double timeSend(NetnsPair pair, Path file, Path work, String to, String... how) throws Exception {
        java.util.List<String> argv = new java.util.ArrayList<>(java.util.List.of("send"));
        argv.addAll(java.util.List.of(how));
        argv.addAll(java.util.List.of(file.toString(), "--to", to, "--no-progress",
                "--known-servers", work.resolve("known_servers-" + how[0].replace(':', '_')).toString()));
        long start = System.nanoTime();
        String out = run(tool(pair.b(), argv.toArray(String[]::new)));
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!out.contains("verified") && !out.contains("1 file")) {
            System.err.println("send said: " + out.strip());
        }
        return seconds;
    }

    private static String run(ProcessBuilder builder) throws Exception {
        Process p = builder.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException("failed (" + p.exitValue() + "): " + builder.command() + ": " + out);
        }
        return out;
    }

    private static double mb(Path file, double seconds) throws IOException {
        return Files.size(file) / 1e6 / seconds;
    }

    private static void writeRandom(Path file, long size) throws IOException {
        Random random = new Random(12);
        byte[] block = new byte[1 << 20];
        try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
            for (long written = 0; written < size; written += block.length) {
                random.nextBytes(block);
                out.write(block, 0, (int) Math.min(block.length, size - written));
            }
        }
    }

    private static void delete(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> all = Files.walk(path)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
