package dev.netlab.filetransfer.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Not a test: streams a number of bytes through a loopback socket pair, plaintext and over TLS 1.3
 * with each cipher suite, through {@link TlsConnection} as the tool uses it and through a bare
 * JSSE {@code SSLSocket} layered over the same kind of socket ({@code sslsocket:SUITE}), and
 * prints the throughput and the CPU time both ends spent, so the suite order in
 * {@link TlsSettings} and the choice of data path rest on measurements (docs/tls.md has the
 * runs that compared the earlier SSLEngine-driven TlsConnection with SSLSocket). Run from filetransfer/ after {@code mvn test-compile}:
 * <pre>
 * java -cp "target/classes:target/test-classes:../common/target/classes:$(cat target/cp.txt)" \
 *     dev.netlab.filetransfer.tls.TlsThroughputBench 1g 1m 3
 * </pre>
 * (arguments: bytes per run, size of each write, rounds, and optionally a comma-separated list of
 * suites; {@code target/cp.txt} from {@code mvn -pl filetransfer -am dependency:build-classpath
 * -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test}).
 */
public final class TlsThroughputBench {

    private static final long GIB = 1024L * 1024 * 1024;
    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final List<String> SUITES = List.of(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256");
    private static final int READ_BUFFER = 1024 * 1024;
    /** Sent once per configuration before the measured run, so the JIT has compiled the crypto intrinsics. */
    private static final long WARM_UP_BYTES = 256L * 1024 * 1024;
    /** Rounds interleave the configurations, so a burst of load from elsewhere hits all of them. */
    private static final int DEFAULT_ROUNDS = 3;

    private TlsThroughputBench() {
    }

    /** Configuration names with this prefix run the suite through JSSE's SSLSocket. */
    private static final String SSL_SOCKET = "sslsocket:";

    public static void main(String[] args) throws Exception {
        long total = parseSize(args.length > 0 ? args[0] : "1g");
        int writeSize = (int) parseSize(args.length > 1 ? args[1] : "1m");
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : DEFAULT_ROUNDS;
        Path dir = Files.createTempDirectory("tls-bench");
        TlsIdentity identity = TlsIdentity.loadOrCreate(dir.resolve("server.p12"));
        Map<String, TlsAcceptor> configurations = new LinkedHashMap<>();
        configurations.put("plaintext", null);
        List<String> suites = args.length > 3 ? List.of(args[3].split(",")) : SUITES;
        for (String suite : suites) {
            String bare = suite.startsWith(SSL_SOCKET) ? suite.substring(SSL_SOCKET.length()) : suite;
            configurations.put(suite, TlsAcceptor.create(identity, TlsSettings.HANDSHAKE_TIMEOUT, List.of(bare)));
        }
        Map<String, List<Double>> seconds = new LinkedHashMap<>();
        Map<String, List<Double>> cpu = new LinkedHashMap<>();
        ExecutorService threads = Executors.newSingleThreadExecutor();
        try {
            for (Map.Entry<String, TlsAcceptor> configuration : configurations.entrySet()) {
                if (configuration.getKey().startsWith(SSL_SOCKET)) {
                    runSslSocket(threads, configuration.getKey().substring(SSL_SOCKET.length()), identity,
                            Math.min(total, WARM_UP_BYTES), writeSize);
                } else {
                    run(threads, configuration.getValue(), identity, Math.min(total, WARM_UP_BYTES), writeSize, dir);
                }
            }
            for (int round = 1; round <= rounds; round++) {
                for (Map.Entry<String, TlsAcceptor> configuration : configurations.entrySet()) {
                    long cpuBefore = PROCESS.getProcessCpuTime();
                    double s = configuration.getKey().startsWith(SSL_SOCKET)
                            ? runSslSocket(threads, configuration.getKey().substring(SSL_SOCKET.length()), identity,
                                    total, writeSize)
                            : run(threads, configuration.getValue(), identity, total, writeSize, dir);
                    double cpuPerGib = (PROCESS.getProcessCpuTime() - cpuBefore) / 1e9 / (total / (double) GIB);
                    seconds.computeIfAbsent(configuration.getKey(), k -> new ArrayList<>()).add(s);
                    cpu.computeIfAbsent(configuration.getKey(), k -> new ArrayList<>()).add(cpuPerGib);
                    report("round " + round + " " + configuration.getKey(), s, cpuPerGib, total, writeSize);
                }
            }
        } finally {
            threads.shutdownNow();
        }
        System.out.println("median of " + rounds + " rounds:");
        seconds.forEach((name, list) -> report(name, median(list), median(cpu.get(name)), total, writeSize));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    /** Seconds from the first write until the receiver has every byte (handshake included). */
    private static double run(ExecutorService threads, TlsAcceptor acceptor, TlsIdentity identity,
                              long total, int writeSize, Path dir) throws Exception {
        try (ServerSocketChannel listener = ServerSocketChannel.open()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            int port = ((InetSocketAddress) listener.getLocalAddress()).getPort();
            Future<Long> received = threads.submit(() -> {
                try (SocketChannel accepted = listener.accept()) {
                    if (acceptor == null) {
                        return drain(accepted.socket().getInputStream());
                    }
                    try (TlsConnection server = acceptor.accept(accepted.socket())) {
                        return drain(server.getInputStream());
                    }
                }
            });
            long start = System.nanoTime();
            try (SocketChannel plain = SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
                if (acceptor == null) {
                    send(plain.socket().getOutputStream(), total, writeSize);
                    plain.shutdownOutput();
                } else {
                    try (TlsConnection client = TlsConnector.create(new KnownServers(dir.resolve("known_servers")),
                            identity.fingerprint(), n -> { }).connect(plain.socket(), "127.0.0.1", port)) {
                        String suite = client.getSession().getCipherSuite();
                        if (!suite.equals(acceptor.negotiableSuites()[0])) {
                            throw new IllegalStateException("negotiated " + suite);
                        }
                        send(client.getOutputStream(), total, writeSize);
                        client.shutdownOutput();
                        check(received.get(), total);
                    }
                }
                check(received.get(), total);
            }
            return (System.nanoTime() - start) / 1e9;
        }
    }

    /** As {@link #run}, through JSSE's SSLSocket layered over each end's socket. */
    private static double runSslSocket(ExecutorService threads, String suite, TlsIdentity identity,
                                       long total, int writeSize) throws Exception {
        javax.net.ssl.SSLContext server = serverContext(identity);
        javax.net.ssl.SSLContext client = javax.net.ssl.SSLContext.getInstance(TlsSettings.PROTOCOL);
        client.init(null, new javax.net.ssl.TrustManager[] {new FingerprintTrustManager(
                new ServerIdentityPolicy(null, identity.fingerprint()))}, null);
        try (ServerSocketChannel listener = ServerSocketChannel.open()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            int port = ((InetSocketAddress) listener.getLocalAddress()).getPort();
            Future<Long> received = threads.submit(() -> {
                try (SocketChannel accepted = listener.accept();
                     javax.net.ssl.SSLSocket tls = (javax.net.ssl.SSLSocket) server.getSocketFactory()
                             .createSocket(accepted.socket(), null, true)) {
                    tls.setUseClientMode(false);
                    tls.setEnabledProtocols(new String[] {TlsSettings.PROTOCOL});
                    tls.setEnabledCipherSuites(new String[] {suite});
                    return drain(tls.getInputStream());
                }
            });
            long start = System.nanoTime();
            try (SocketChannel plain = SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                 javax.net.ssl.SSLSocket tls = (javax.net.ssl.SSLSocket) client.getSocketFactory()
                         .createSocket(plain.socket(), "127.0.0.1", port, true)) {
                tls.setUseClientMode(true);
                tls.setEnabledProtocols(new String[] {TlsSettings.PROTOCOL});
                tls.setEnabledCipherSuites(new String[] {suite});
                tls.startHandshake();
                if (!tls.getSession().getCipherSuite().equals(suite)) {
                    throw new IllegalStateException("negotiated " + tls.getSession().getCipherSuite());
                }
                send(tls.getOutputStream(), total, writeSize);
                tls.shutdownOutput();
                check(received.get(), total);
            }
            return (System.nanoTime() - start) / 1e9;
        }
    }

    private static javax.net.ssl.SSLContext serverContext(TlsIdentity identity) throws Exception {
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(TlsIdentity.ALIAS, identity.privateKey(), TlsIdentity.SELF_CREATED_PASSWORD, identity.chain());
        javax.net.ssl.KeyManagerFactory keys = javax.net.ssl.KeyManagerFactory.getInstance(
                javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, TlsIdentity.SELF_CREATED_PASSWORD);
        javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance(TlsSettings.PROTOCOL);
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    private static void check(long got, long total) {
        if (got != total) {
            throw new IllegalStateException("received " + got + " of " + total + " bytes");
        }
    }

    private static void send(OutputStream out, long total, int writeSize) throws IOException {
        byte[] block = new byte[writeSize];
        new java.util.SplittableRandom(1).nextBytes(block);
        for (long left = total; left > 0; left -= writeSize) {
            out.write(block, 0, (int) Math.min(writeSize, left));
        }
        out.flush();
    }

    private static long drain(InputStream in) throws IOException {
        byte[] buffer = new byte[READ_BUFFER];
        long count = 0;
        for (int n; (n = in.read(buffer)) >= 0; ) {
            count += n;
        }
        return count;
    }

    /** Both ends run in this process, so its CPU time is what the pair spent. */
    private static void report(String name, double seconds, double cpuPerGib, long total, int writeSize) {
        double mibPerSecond = total / seconds / (1024 * 1024);
        System.out.printf(Locale.ROOT, "%-30s %6.2f s  %8.1f MiB/s  %5.2f CPU-s/GiB (both ends)  (%d-byte writes)%n",
                name, seconds, mibPerSecond, cpuPerGib, writeSize);
    }

    private static long parseSize(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        long unit = switch (lower.charAt(lower.length() - 1)) {
            case 'k' -> 1024L;
            case 'm' -> 1024L * 1024;
            case 'g' -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        String digits = unit == 1 ? lower : lower.substring(0, lower.length() - 1);
        return Long.parseLong(digits) * unit;
    }
}
