package dev.netlab.filetransfer.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.common.testing.CommandRun;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The TLS option mixins as the commands use them, run through the common Launcher. */
class TlsOptionsTest {

    @TempDir
    Path dir;

    /** Stands in for serve: prints the transport it would use and the start-up line. */
    @Command(name = "serve-probe")
    static final class ServeProbe implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ServerTlsOptions tls;

        @Override
        public Integer call() throws Exception {
            TlsAcceptor acceptor = tls.acceptor();
            PrintWriter out = spec.commandLine().getOut();
            out.println(ServerTlsOptions.transport(acceptor).getClass().getSimpleName());
            if (acceptor != null) {
                out.println(acceptor.startupLine());
            }
            return 0;
        }
    }

    /** Stands in for send, get and ls: prints the transport it would use. */
    @Command(name = "client-probe")
    static final class ClientProbe implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ClientTlsOptions tls;

        @Override
        public Integer call() {
            spec.commandLine().getOut().println(tls.transport(spec.commandLine().getErr()::println).getClass().getSimpleName());
            return 0;
        }
    }

    @Test
    void serverWithoutTlsUsesThePlainTransportThatDetectsTlsClients() {
        CommandRun.Result result = CommandRun.run(new ServeProbe());

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("TlsDetectingPlainTransport\n");
    }

    @Test
    void serverWithTlsCreatesItsIdentityWhereToldAndPrintsTheFingerprint() throws Exception {
        Path p12 = dir.resolve("identity/server.p12");

        CommandRun.Result result = CommandRun.run(new ServeProbe(), "--tls", "--tls-identity", p12.toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("TlsTransport\ntls: TLS 1.3, server identity "
                + TlsIdentity.loadOrCreate(p12).fingerprint() + " (" + p12 + ")\n");
    }

    @Test
    void serverKeystoreImpliesTlsAndReadsThePasswordFile() throws Exception {
        Path p12 = dir.resolve("mine.p12");
        Fingerprint fingerprint = TlsIdentity.loadOrCreate(p12).fingerprint();
        Path password = Files.writeString(dir.resolve("password"), "netlab\n");

        CommandRun.Result result = CommandRun.run(new ServeProbe(),
                "--tls-keystore", p12.toString(), "--tls-keystore-password-file", password.toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("server identity " + fingerprint);
    }

    @Test
    void serverKeystoreWithWrongPasswordFailsWithOneLineNamingTheFile() throws Exception {
        Path p12 = dir.resolve("mine.p12");
        TlsIdentity.loadOrCreate(p12);
        Path password = Files.writeString(dir.resolve("password"), "wrong\n");

        CommandRun.Result result = CommandRun.run(new ServeProbe(),
                "--tls-keystore", p12.toString(), "--tls-keystore-password-file", password.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("error: cannot read TLS keystore " + p12 + " (wrong password, or not a PKCS#12 file)");
    }

    @Test
    void clientPinImpliesTls() {
        CommandRun.Result result = CommandRun.run(new ClientProbe(),
                "--tls-pin", "SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("TlsTransport\n");
    }

    @Test
    void clientWithoutTlsUsesThePlainTransportThatDetectsTlsServers() {
        assertThat(CommandRun.run(new ClientProbe()).out()).isEqualTo("TlsDetectingPlainTransport\n");
    }

    @Test
    void malformedPinIsAUsageErrorQuotingIt() {
        CommandRun.Result result = CommandRun.run(new ClientProbe(), "--tls-pin", "SHA256:abc");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Invalid value for option '--tls-pin': 'SHA256:abc' is not a SHA-256"
                + " fingerprint like SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU");
    }
}
