package dev.netlab.filetransfer.demo;

import dev.netlab.common.discovery.DiscoveryGroup;
import dev.netlab.filetransfer.client.ClientOptions;
import dev.netlab.filetransfer.client.FileClient;
import dev.netlab.filetransfer.client.TransferProgress;
import dev.netlab.filetransfer.client.TransferSummary;
import dev.netlab.filetransfer.pairing.LanPresence;
import dev.netlab.filetransfer.pairing.PairingCode;
import dev.netlab.filetransfer.pairing.PairingCodeKeeper;
import dev.netlab.filetransfer.pairing.PairingTransport;
import dev.netlab.filetransfer.server.FileServer;
import dev.netlab.filetransfer.server.ServerConfig;
import dev.netlab.filetransfer.tls.KnownServers;
import dev.netlab.filetransfer.tls.TlsAcceptor;
import dev.netlab.filetransfer.tls.TlsIdentity;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The LAN part of {@code filetransfer demo}: a {@code serve --lan} server in this process,
 * announcing on a discovery group of its own on the loopback interface (nothing leaves the
 * machine), found by a client that knows only the pairing code, paired inside TLS 1.3, sent a
 * file; and a client with a wrong code refused with nothing written.
 */
final class LanDemo {

    private final PrintWriter out;

    LanDemo(PrintWriter out) {
        this.out = out;
    }

    /** @return true when the paired file arrived identical and the wrong code was refused */
    boolean run(Path file, Path workDirectory) throws IOException, InterruptedException {
        Path inbox = Files.createDirectories(workDirectory.resolve("lan-inbox"));
        TlsIdentity identity = TlsIdentity.loadOrCreate(workDirectory.resolve("lan-identity.p12"));
        PairingCode code = PairingCode.generate();
        PairingCodeKeeper keeper = new PairingCodeKeeper(code, fresh -> out.println("   pairing code: " + fresh.reveal()));
        DiscoveryGroup group = DiscoveryGroup.privateOnLoopback();
        ServerConfig d = ServerConfig.loopback(inbox);
        ServerConfig config = new ServerConfig(d.directory(), d.bind(), null, d.maxConnections(), d.maxFileSize(),
                d.maxFilesPerSession(), d.onExists(), d.fsync(), d.readTimeout(), d.idleTimeout(),
                PairingTransport.server(TlsAcceptor.create(identity), keeper));
        KnownServers known = new KnownServers(workDirectory.resolve("lan-known_servers"));
        try (FileServer server = new FileServer(config).start();
             LanPresence presence = LanPresence.announce(group, "demo", server.localAddress().getPort(),
                     identity.fingerprint(), keeper)) {
            out.println("6. Started a --lan server (TLS identity " + identity.fingerprint() + ") announcing on "
                    + group.addressText() + " over loopback only");
            out.println("   pairing code: " + code.reveal());
            long start = System.nanoTime();
            List<InetSocketAddress> found = LanPresence.find(group, code, LanPresence.FIND_WAIT, "HOST:PORT");
            long foundMillis = (System.nanoTime() - start) / 1_000_000;
            out.println("7. A client that knew only the code found " + found.get(0).getAddress().getHostAddress() + ":"
                    + found.get(0).getPort() + " by its digits in " + foundMillis + " ms");
            boolean refused = wrongCodeRefused(found.get(0), code, known);
            TransferSummary sent = client(found.get(0), code, known).send(List.of(file), "", TransferProgress.NONE);
            boolean same = Files.mismatch(file, inbox.resolve(file.getFileName())) == -1;
            out.println("9. Paired (J-PAKE inside TLS 1.3, bound to the server's certificate) and sent "
                    + file.getFileName() + ": " + (sent.ok() && same ? "verified, identical" : "FAILED")
                    + "; the server's identity is now in " + known.file().getFileName());
            return refused && sent.ok() && same;
        }
    }

    private boolean wrongCodeRefused(InetSocketAddress server, PairingCode code, KnownServers known)
            throws IOException {
        PairingCode wrong = PairingCode.parse(String.format("%04d", code.rendezvousId()) + "-wrong-guess-here");
        try {
            client(server, wrong, known).list("");
            out.println("8. UNEXPECTED: a client with a wrong code was let in");
            return false;
        } catch (IOException e) {
            out.println("8. A client with a wrong code: " + e.getMessage() + " (exit code 4), nothing written");
            return e.getMessage().equals("pairing refused: wrong code");
        }
    }

    private static FileClient client(InetSocketAddress server, PairingCode code, KnownServers known) {
        ClientOptions d = ClientOptions.defaults(server.getAddress().getHostAddress(), server.getPort());
        return new FileClient(new ClientOptions(d.host(), d.port(), null, d.chunkSize(), d.algorithm(), 1,
                d.connectTimeout(), d.readTimeout(), PairingTransport.client(code, known, notice -> { })));
    }
}
