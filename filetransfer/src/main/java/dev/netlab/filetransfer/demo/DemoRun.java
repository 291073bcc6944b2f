package dev.netlab.filetransfer.demo;

import dev.netlab.common.metrics.Units;
import dev.netlab.filetransfer.client.ClientOptions;
import dev.netlab.filetransfer.client.FileClient;
import dev.netlab.filetransfer.client.TransferProgress;
import dev.netlab.filetransfer.client.TransferSummary;
import dev.netlab.filetransfer.server.FileServer;
import dev.netlab.filetransfer.server.ServerConfig;
import dev.netlab.filetransfer.store.FileHashing;
import dev.netlab.filetransfer.protocol.DigestAlgorithm;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The guided tour behind {@code filetransfer demo}: a server in this process on a free loopback
 * port, the sample tree sent to it, one larger transfer cut half way by a {@link FaultyRelay} and
 * resumed, every received file compared with its source, then LAN discovery and pairing
 * ({@link LanDemo}). Says what happened in plain lines.
 */
public final class DemoRun {

    /** 8 MiB in 256 KiB chunks: big enough to cut in the middle, small enough to take no time. */
    private static final int BIG_FILE_SIZE = 8 * 1024 * 1024;
    private static final int DEMO_CHUNK_SIZE = 256 * 1024;
    private static final long DEMO_SEED = 20261126L;

    private final PrintWriter out;

    public DemoRun(PrintWriter out) {
        this.out = out;
    }

    /** @return true when everything arrived and verified */
    public boolean run(Path samples, Path workDirectory) throws IOException, InterruptedException {
        Path inbox = Files.createDirectories(workDirectory.resolve("server-inbox"));
        Path big = makeBigFile(workDirectory.resolve("outbox/big-demo.bin"));
        try (FileServer server = new FileServer(ServerConfig.loopback(inbox)).start()) {
            int port = server.localAddress().getPort();
            out.println("1. Started a server on 127.0.0.1:" + port + ", receiving into " + inbox);
            ClientOptions options = ClientOptions.defaults("127.0.0.1", port).withChunkSize(DEMO_CHUNK_SIZE);
            TransferSummary tree = new FileClient(options).send(List.of(samples), "", TransferProgress.NONE);
            out.printf("2. Sent %s: %d files, %s, %s%n", samples, tree.regularFiles(), Units.formatBytes(tree.totalSize()),
                    tree.ok() ? "each verified by its xxh128 digest before it got its final name" : "SOME FAILED");
            cutHalfWay(server, options, big);
            TransferSummary resumed = new FileClient(options).send(List.of(big), "", TransferProgress.NONE);
            out.printf("4. Sent it again: %s of %s were already on the server and kept, only %s travelled; %s%n",
                    Units.formatBytes(resumed.resumedBytes()), Units.formatBytes(BIG_FILE_SIZE),
                    Units.formatBytes(resumed.bytes()), resumed.ok() ? "verified" : "FAILED");
            boolean same = sameTree(samples, inbox.resolve(samples.getFileName()))
                    && Files.mismatch(big, inbox.resolve(big.getFileName())) == -1;
            out.println("5. Compared every received file with its source byte for byte: "
                    + (same ? "all identical" : "DIFFERENCES FOUND"));
            out.println("   xxh128 of " + big.getFileName() + ": "
                    + DigestAlgorithm.hex(FileHashing.digest(big, DigestAlgorithm.XXH128)));
            boolean lan = new LanDemo(out).run(big, workDirectory);
            return tree.ok() && resumed.ok() && same && lan;
        }
    }

    private void cutHalfWay(FileServer server, ClientOptions options, Path big) throws IOException, InterruptedException {
        try (FaultyRelay relay = new FaultyRelay(server.localAddress(), BIG_FILE_SIZE / 2, Set.of())) {
            ClientOptions viaRelay = new ClientOptions("127.0.0.1", relay.port(), null, options.chunkSize(),
                    options.algorithm(), 1, options.connectTimeout(), options.readTimeout(), options.transport());
            new FileClient(viaRelay).send(List.of(big), "", TransferProgress.NONE);
            out.println("3. UNEXPECTED: the cut transfer of " + big.getFileName() + " completed");
        } catch (IOException e) {
            out.printf("3. Sent %s (%s) through a relay that cut the connection after %s: the transfer broke off (%s)%n",
                    big.getFileName(), Units.formatBytes(BIG_FILE_SIZE), Units.formatBytes(BIG_FILE_SIZE / 2),
                    e.getMessage());
        }
    }

    private static Path makeBigFile(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Random random = new Random(DEMO_SEED);
        byte[] block = new byte[DEMO_CHUNK_SIZE];
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (int written = 0; written < BIG_FILE_SIZE; written += block.length) {
                random.nextBytes(block);
                channel.write(ByteBuffer.wrap(block));
            }
        }
        return file;
    }

    private static boolean sameTree(Path source, Path received) throws IOException {
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path other = received.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p) ? !Files.isDirectory(other) : !Files.exists(other) || Files.mismatch(p, other) != -1) {
                    return false;
                }
            }
        }
        return true;
    }
}
