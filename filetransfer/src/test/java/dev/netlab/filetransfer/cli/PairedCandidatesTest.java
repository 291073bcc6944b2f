package dev.netlab.filetransfer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.filetransfer.Fixtures;
import dev.netlab.filetransfer.client.ClientOptions;
import dev.netlab.filetransfer.client.FileClient;
import dev.netlab.filetransfer.client.TransferProgress;
import dev.netlab.filetransfer.client.TransferSummary;
import dev.netlab.filetransfer.pairing.PairingCode;
import dev.netlab.filetransfer.pairing.PairingCodeKeeper;
import dev.netlab.filetransfer.pairing.PairingTransport;
import dev.netlab.filetransfer.server.FileServer;
import dev.netlab.filetransfer.tls.KnownServers;
import dev.netlab.filetransfer.tls.TlsAcceptor;
import dev.netlab.filetransfer.tls.TlsIdentity;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Two servers announce one rendezvous id; the client meets the one with another code first. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PairedCandidatesTest {

    @TempDir
    Path tmp;

    private static FileServer lanServer(Path dir, PairingCode code, TlsIdentity identity) throws Exception {
        return Fixtures.server(dir, null, PairingTransport.server(TlsAcceptor.create(identity),
                new PairingCodeKeeper(code, c -> { })));
    }

    @Test
    void theServerThatFailsThePairingNeverGetsAByteOfFileDataAndTheNextOneGetsTheFile() throws Exception {
        Path impostorDir = Files.createDirectories(tmp.resolve("impostor"));
        Path realDir = Files.createDirectories(tmp.resolve("real"));
        // Below the striping threshold: this test is about which server gets data, not about stripes.
        Path file = Fixtures.randomFile(tmp.resolve("src/data.bin"), 400_000, 11);
        PairingCode code = PairingCode.parse("5150-maple-otter-quartz");
        StringWriter err = new StringWriter();
        try (FileServer impostor = lanServer(impostorDir, PairingCode.parse("5150-cedar-lynx-opal"),
                TlsIdentity.loadOrCreate(tmp.resolve("impostor.p12")));
             FileServer real = lanServer(realDir, code, TlsIdentity.loadOrCreate(tmp.resolve("real.p12")))) {
            List<ClientOptions> candidates = Stream.of(impostor, real).map(s -> {
                try {
                    ClientOptions d = ClientOptions.defaults("127.0.0.1", s.localAddress().getPort());
                    return new ClientOptions(d.host(), d.port(), null, 64 * 1024, d.algorithm(), 2, d.connectTimeout(),
                            d.readTimeout(), PairingTransport.client(code, new KnownServers(tmp.resolve("known")), n -> { }));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();

            TransferSummary summary = new TransferOptions().onFirstPaired(new TransferOptions.Candidates(candidates), new PrintWriter(err, true),
                    o -> new FileClient(o).send(List.of(file), "", TransferProgress.NONE));

            assertThat(summary.ok()).as("%s", summary.files()).isTrue();
            assertThat(err.toString()).startsWith("pairing with 127.0.0.1:" + impostor.localAddress().getPort()
                    + " refused (pairing refused: wrong code); trying the next server announcing the same code");
        }
        assertThat(Files.mismatch(realDir.resolve("data.bin"), file)).isEqualTo(-1);
        try (Stream<Path> everything = Files.walk(impostorDir)) {
            assertThat(everything.filter(p -> !p.equals(impostorDir))).as("not even a part file").isEmpty();
        }
    }
}
