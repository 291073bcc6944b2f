package dev.netlab.filetransfer.tls;

import dev.netlab.filetransfer.client.ClientOptions;
import dev.netlab.filetransfer.client.FileClient;
import dev.netlab.filetransfer.client.TransferProgress;
import dev.netlab.filetransfer.client.TransferSummary;
import dev.netlab.filetransfer.server.FileServer;
import dev.netlab.filetransfer.server.ServerConfig;
import dev.netlab.filetransfer.transport.Transport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Not a test: sends one file with the real filetransfer server and client over loopback,
 * plaintext and over TLS 1.3 with each AES-GCM suite (or the suites given), in interleaved
 * rounds, and prints wall times and the CPU time both ends spent per GiB (they share this
 * process; chunk checks and digests included). Arguments: FILE [rounds] [streams] [SUITE,...].
 * Run like {@link TlsThroughputBench}.
 */
public final class TlsTransferBench {

    private static final double GIB = 1024.0 * 1024 * 1024;
    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    private TlsTransferBench() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int streams = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        List<String> suites = args.length > 3 ? List.of(args[3].split(","))
                : List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384");
        Path work = Files.createTempDirectory(file.toAbsolutePath().getParent(), "tls-transfer-bench");
        TlsIdentity identity = TlsIdentity.loadOrCreate(work.resolve("server.p12"));
        long size = Files.size(file);
        for (int round = 1; round <= rounds; round++) {
            long cpu = PROCESS.getProcessCpuTime();
            double seconds = run(file, work, TlsDetectingPlainTransport.INSTANCE, TlsDetectingPlainTransport.INSTANCE,
                    streams);
            report(round, "plaintext", size, seconds, PROCESS.getProcessCpuTime() - cpu);
            for (String suite : suites) {
                Transport server = TlsTransport.server(
                        TlsAcceptor.create(identity, TlsSettings.HANDSHAKE_TIMEOUT, List.of(suite)));
                Transport client = TlsTransport.client(TlsConnector.create(
                        new KnownServers(work.resolve("known_servers")), identity.fingerprint(), n -> { }));
                cpu = PROCESS.getProcessCpuTime();
                seconds = run(file, work, server, client, streams);
                report(round, suite, size, seconds, PROCESS.getProcessCpuTime() - cpu);
            }
        }
        delete(work);
    }

    private static double run(Path file, Path work, Transport serverTransport, Transport clientTransport,
                              int streams) throws Exception {
        Path dst = Files.createDirectories(work.resolve("dst"));
        ServerConfig d = ServerConfig.loopback(dst);
        ServerConfig config = new ServerConfig(dst, d.bind(), null, d.maxConnections(), d.maxFileSize(),
                d.maxFilesPerSession(), d.onExists(), false, d.readTimeout(), Duration.ofMinutes(5), serverTransport);
        try (FileServer server = new FileServer(config).start()) {
            ClientOptions c = ClientOptions.defaults("127.0.0.1", server.localAddress().getPort());
            long start = System.nanoTime();
            TransferSummary summary = new FileClient(new ClientOptions(c.host(), c.port(), null, c.chunkSize(),
                    c.algorithm(), streams, c.connectTimeout(), c.readTimeout(), clientTransport))
                    .send(List.of(file), "", TransferProgress.NONE);
            double seconds = (System.nanoTime() - start) / 1e9;
            if (!summary.ok()) {
                throw new IllegalStateException("transfer failed: " + summary.files());
            }
            return seconds;
        } finally {
            delete(dst);
        }
    }

    private static void report(int round, String name, long size, double seconds, long cpuNanos) {
        System.out.printf(Locale.ROOT, "round %d %-24s %6.2f s  %8.1f MiB/s  %5.2f CPU-s/GiB (both ends)%n",
                round, name, seconds, size / seconds / (1024 * 1024), cpuNanos / 1e9 / (size / GIB));
    }

    private static void delete(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
