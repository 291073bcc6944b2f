package dev.netlab.filetransfer.cli;

import dev.netlab.common.cli.Launcher;
import dev.netlab.common.cli.StartupTrainingRun;
import dev.netlab.filetransfer.pairing.PairingCode;
import dev.netlab.filetransfer.pairing.PairingCodeKeeper;
import dev.netlab.filetransfer.pairing.PairingTransport;
import dev.netlab.filetransfer.server.FileServer;
import dev.netlab.filetransfer.server.ServerConfig;
import dev.netlab.filetransfer.tls.ServerTlsOptions;
import dev.netlab.filetransfer.tls.TlsAcceptor;
import dev.netlab.filetransfer.tls.TlsIdentity;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * The workload {@code bin/filetransfer} records its start-up cache from (a Java 25 AOT cache or a
 * Java 17 CDS archive, see {@code bin/netlab-launch}): every command's help, then a small upload,
 * a listing and a download against an in-process server on 127.0.0.1, then a {@code --tls} send and
 * a {@code --code} send (TLS 1.3, J-PAKE) to in-process servers, so the classes and the method
 * profiles of the common paths are in the cache: without the last two, a cold TLS handshake and
 * pairing loaded about 200 classes from the jar and ran their arithmetic in the interpreter. It never touches the network beyond
 * loopback and costs about a CPU-second once per build; it is not part of the command line.
 * Exits 0 when every step did what it does for a user, 1 otherwise.
 */
public final class StartupTraining {

    /** Seeded, so every training run moves the same bytes. */
    private static final long SEED = 14;
    /** One small file and one of several chunks: both the single-chunk and the mapped, hashed path. */
    private static final int SMALL_FILE = 4 * 1024;
    private static final int LARGE_FILE = 3 * 1024 * 1024;

    private StartupTraining() {
    }

    public static void main(String[] args) throws Exception {
        StartupTrainingRun.runAndExit(StartupTraining::run);
    }

    /** Runs the workload inside {@code work}; returns how many steps failed. */
    static int run(Path work) throws IOException {
        Path source = Files.createDirectories(work.resolve("source"));
        Path inbox = Files.createDirectories(work.resolve("inbox"));
        Path downloads = Files.createDirectories(work.resolve("downloads"));
        Random random = new Random(SEED);
        writeRandom(source.resolve("small.bin"), SMALL_FILE, random);
        writeRandom(source.resolve("large.bin"), LARGE_FILE, random);
        int failures = 0;
        for (String command : new String[] {"serve", "send", "get", "ls"}) {
            failures += cli(command, "--help");
        }
        failures += cli("--help");
        try (FileServer server = new FileServer(ServerConfig.loopback(inbox)).start()) {
            String address = "127.0.0.1:" + server.localAddress().getPort();
            failures += cli("send", address, source.toString(), "--no-progress");
            failures += cli("ls", address, "source");
            failures += cli("get", address, "source/large.bin", "--out", downloads.toString(), "--no-progress");
        }
        TlsAcceptor acceptor = TlsAcceptor.create(TlsIdentity.loadOrCreate(work.resolve("identity.p12")));
        String known = work.resolve("known_servers").toString();
        ServerConfig tls = ServerConfig.loopback(Files.createDirectories(work.resolve("tls-inbox")))
                .withTransport(ServerTlsOptions.transport(acceptor));
        try (FileServer server = new FileServer(tls).start()) {
            failures += cli("send", "127.0.0.1:" + server.localAddress().getPort(), "--tls", "--known-servers", known,
                    source.resolve("small.bin").toString(), "--no-progress");
        }
        PairingCode code = PairingCode.generate();
        ServerConfig paired = ServerConfig.loopback(Files.createDirectories(work.resolve("paired-inbox")))
                .withTransport(PairingTransport.server(acceptor, new PairingCodeKeeper(code, fresh -> { })));
        try (FileServer server = new FileServer(paired).start()) {
            failures += cli("send", "127.0.0.1:" + server.localAddress().getPort(), "--code", code.reveal(),
                    "--known-servers", known, source.resolve("large.bin").toString(), "--no-progress");
        }
        return failures;
    }

    private static int cli(String... args) {
        PrintWriter quiet = new PrintWriter(Writer.nullWriter());
        return Launcher.run(new FiletransferCli(), quiet, quiet, args) == 0 ? 0 : 1;
    }

    private static void writeRandom(Path file, int size, Random random) throws IOException {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        Files.write(file, bytes);
    }
}
