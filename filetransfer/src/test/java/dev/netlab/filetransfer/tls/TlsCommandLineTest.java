package dev.netlab.filetransfer.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.common.cli.ExitCodes;
import dev.netlab.common.testing.CommandRun;
import dev.netlab.filetransfer.Fixtures;
import dev.netlab.filetransfer.cli.FiletransferCli;
import dev.netlab.filetransfer.server.FileServer;
import dev.netlab.filetransfer.server.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The --tls options as a user types them: send, ls and their refusals, through the real commands. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TlsCommandLineTest {

    @TempDir
    Path tmp;

    private FileServer tlsServer(Path dir, TlsIdentity identity) throws Exception {
        ServerConfig d = ServerConfig.loopback(dir);
        return Fixtures.server(new ServerConfig(d.directory(), d.bind(), d.token(), d.maxConnections(), d.maxFileSize(),
                d.maxFilesPerSession(), d.onExists(), d.fsync(), d.readTimeout(), d.idleTimeout(),
                TlsTransport.server(TlsAcceptor.create(identity))));
    }

    @Test
    void sendWithTlsTrustsOnFirstUseThenRefusesAWrongPinWithExitFour() throws Exception {
        TlsIdentity identity = TlsIdentity.loadOrCreate(tmp.resolve("id/server.p12"));
        TlsIdentity other = TlsIdentity.loadOrCreate(tmp.resolve("other/server.p12"));
        Path file = Fixtures.randomFile(tmp.resolve("src/data.bin"), 300_000, 1);
        Path inbox = Files.createDirectories(tmp.resolve("inbox"));
        String known = tmp.resolve("known_servers").toString();

        try (FileServer server = tlsServer(inbox, identity)) {
            String target = "127.0.0.1:" + server.localAddress().getPort();

            CommandRun.Result sent = CommandRun.run(new FiletransferCli(), "send", target, file.toString(),
                    "--tls", "--known-servers", known, "--no-progress");
            CommandRun.Result pinnedWrong = CommandRun.run(new FiletransferCli(), "ls", target,
                    "--tls-pin", other.fingerprint().toString());
            CommandRun.Result plaintext = CommandRun.run(new FiletransferCli(), "ls", target);

            assertThat(sent.exitCode()).as(sent.err()).isZero();
            assertThat(sent.err()).contains("first contact").contains(identity.fingerprint().toString());
            assertThat(Files.readString(Path.of(known))).contains(target + " " + identity.fingerprint());
            assertThat(Files.mismatch(file, inbox.resolve("data.bin"))).isEqualTo(-1);

            assertThat(pinnedWrong.exitCode()).isEqualTo(ExitCodes.AUTH_REFUSED);
            assertThat(pinnedWrong.err()).contains(other.fingerprint().toString())
                    .contains(identity.fingerprint().toString());

            assertThat(plaintext.exitCode()).isEqualTo(ExitCodes.DISCONNECTED);
            assertThat(plaintext.err()).contains("speaks TLS").contains("add --tls");
        }
    }
}
