package dev.netlab.filetransfer.tls;

import dev.netlab.filetransfer.transport.Transport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The TLS options of {@code serve}, as a picocli mixin: {@code @Mixin ServerTlsOptions tls;}.
 * Without any of them the server speaks plaintext (through {@link TlsDetectingPlainTransport},
 * which names TLS clients in its log); {@code --tls-keystore} implies {@code --tls}.
 */
public final class ServerTlsOptions {

    /** Read when no --tls-keystore-password-file is given; unset means an empty password. */
    public static final String KEYSTORE_PASSWORD_ENV = "NETLAB_TLS_KEYSTORE_PASSWORD";

    @Option(names = "--tls", description = "Serve over TLS 1.3 only. The server's identity is created on first use"
            + " and its SHA-256 fingerprint printed at start-up.")
    boolean tls;

    @Option(names = "--tls-keystore", paramLabel = "FILE.p12",
            description = "Use this PKCS#12 key and certificate as the server's identity (implies --tls). Password from"
                    + " --tls-keystore-password-file or $" + KEYSTORE_PASSWORD_ENV + ".")
    Path keystore;

    @Option(names = "--tls-keystore-password-file", paramLabel = "FILE",
            description = "File whose first line is the --tls-keystore password.")
    Path keystorePasswordFile;

    @Option(names = "--tls-identity", paramLabel = "FILE.p12",
            description = "Where --tls keeps its self-created identity (default: ~/.netlab/filetransfer/tls/server.p12).")
    Path identityFile;

    public boolean enabled() {
        return tls || keystore != null;
    }

    /**
     * The server's TLS acceptor, loading or creating its identity; null without {@code --tls}.
     * Its {@link TlsAcceptor#startupLine()} is what the serve command prints at start-up.
     */
    public TlsAcceptor acceptor() throws IOException {
        return enabled() ? acceptorRequired() : null;
    }

    /** The acceptor even without {@code --tls}, for a server that always speaks TLS ({@code --lan}). */
    public TlsAcceptor acceptorRequired() throws IOException {
        TlsIdentity identity = keystore != null
                ? TlsIdentity.fromKeystore(keystore, keystorePassword())
                : TlsIdentity.loadOrCreate(identityFile != null ? identityFile : TlsIdentity.defaultPath());
        return TlsAcceptor.create(identity);
    }

    /** The transport for {@code acceptor}, which is {@link #acceptor()}'s result (null: plaintext). */
    public static Transport transport(TlsAcceptor acceptor) {
        return acceptor == null ? TlsDetectingPlainTransport.INSTANCE : TlsTransport.server(acceptor);
    }

    private char[] keystorePassword() throws IOException {
        if (keystorePasswordFile != null) {
            String text = Files.readString(keystorePasswordFile, StandardCharsets.UTF_8);
            return text.lines().findFirst().orElse("").toCharArray();
        }
        String fromEnvironment = System.getenv(KEYSTORE_PASSWORD_ENV);
        return fromEnvironment == null ? new char[0] : fromEnvironment.toCharArray();
    }
}
