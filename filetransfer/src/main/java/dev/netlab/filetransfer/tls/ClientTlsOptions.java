package dev.netlab.filetransfer.tls;

import dev.netlab.filetransfer.transport.Transport;
import java.nio.file.Path;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/**
 * The TLS options of {@code send}, {@code get} and {@code ls}, as a picocli mixin:
 * {@code @Mixin ClientTlsOptions tls;}. {@code --tls-pin} implies {@code --tls}.
 */
public final class ClientTlsOptions {

    @Option(names = "--tls", description = "Connect over TLS 1.3. A server met for the first time is trusted and"
            + " its fingerprint recorded; a later change is refused (exit 4).")
    boolean tls;

    @Option(names = "--tls-pin", paramLabel = "SHA256:FINGERPRINT", converter = FingerprintConverter.class,
            description = "Accept only a server with this fingerprint, as serve --tls prints it (implies --tls;"
                    + " the known-servers file is then neither read nor written).")
    Fingerprint pin;

    @Option(names = "--known-servers", paramLabel = "FILE",
            description = "Where trusted server fingerprints are kept (default: ~/.netlab/filetransfer/known_servers).")
    Path knownServersFile;

    /** Whether {@code --tls-pin} was given. */
    public boolean pinned() {
        return pin != null;
    }

    public boolean enabled() {
        return tls || pin != null;
    }

    /**
     * The transport the client connects with.
     *
     * @param notices receives the one-line notice printed when a server is trusted for the first
     *     time; pass the command's stderr
     */
    public Transport transport(Consumer<String> notices) {
        if (!enabled()) {
            return TlsDetectingPlainTransport.INSTANCE;
        }
        return TlsTransport.client(TlsConnector.create(knownServers(), pin, notices));
    }

    /** The known-servers file, {@code --known-servers} or the default. */
    public KnownServers knownServers() {
        return new KnownServers(knownServersFile != null ? knownServersFile : KnownServers.defaultFile());
    }
}
