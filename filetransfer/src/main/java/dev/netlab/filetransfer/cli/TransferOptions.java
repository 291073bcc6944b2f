package dev.netlab.filetransfer.cli;

import dev.netlab.common.cli.SizeConverter;
import dev.netlab.filetransfer.client.ClientOptions;
import dev.netlab.filetransfer.protocol.DigestAlgorithm;
import dev.netlab.filetransfer.protocol.TokenMac;
import dev.netlab.filetransfer.protocol.TransferProtocol;
import dev.netlab.filetransfer.tls.ClientTlsOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The connection and transfer options send and get share (a picocli mixin). */
public final class TransferOptions {

    @Option(names = "--token-file", paramLabel = "FILE", description = "Prove knowledge of this shared token (never sent).")
    Path tokenFile;

    @Option(names = "--chunk-size", paramLabel = "SIZE", converter = SizeConverter.class, defaultValue = "1m",
            description = "Chunk size, 64k to 16m (default: ${DEFAULT-VALUE}).")
    long chunkSize;

    @Option(names = "--verify", paramLabel = "ALG", defaultValue = "xxh128",
            description = "Whole-file digest: xxh128 (default, equals xxhsum -H2) or sha256.")
    String verify;

    @Option(names = "--streams", paramLabel = "N", defaultValue = "1", description = "Parallel connections (default: 1).")
    int streams;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "60s",
            description = "Give up when the connection stands still this long (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--no-progress", description = "No progress bar (there is none anyway when stderr is not a terminal).")
    boolean noProgress;

    @Mixin
    ClientTlsOptions tls;

    ClientOptions toClientOptions(String hostPort, picocli.CommandLine commandLine) throws IOException {
        HostPort target = HostPort.parse(hostPort, commandLine);
        if (chunkSize < TransferProtocol.MIN_CHUNK_SIZE || chunkSize > TransferProtocol.MAX_CHUNK_SIZE) {
            throw new ParameterException(commandLine, "--chunk-size " + chunkSize + " outside 64k..16m");
        }
        if (streams < 1 || streams > 64) {
            throw new ParameterException(commandLine, "--streams " + streams + " outside 1..64");
        }
        DigestAlgorithm algorithm;
        try {
            algorithm = DigestAlgorithm.fromCliName(verify);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(commandLine, e.getMessage());
        }
        byte[] token = tokenFile == null ? null : TokenMac.readToken(tokenFile);
        return new ClientOptions(target.host(), target.port(), token, (int) chunkSize, algorithm, streams,
                ClientOptions.DEFAULT_CONNECT_TIMEOUT, timeout, tls.transport(notice -> {
                    commandLine.getErr().println(notice);
                    commandLine.getErr().flush();
                }));
    }

    boolean progressWanted() {
        return !noProgress;
    }

    /** A HOST:PORT argument; IPv6 hosts in brackets ([::1]:9000). */
    record HostPort(String host, int port) {
        static HostPort parse(String text, picocli.CommandLine commandLine) {
            int colon = text.lastIndexOf(':');
            if (colon <= 0 || colon == text.length() - 1) {
                throw new ParameterException(commandLine, "expected HOST:PORT, got '" + text + "'");
            }
            String host = text.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            try {
                int port = Integer.parseInt(text.substring(colon + 1));
                if (port < 1 || port > 65535) {
                    throw new NumberFormatException();
                }
                return new HostPort(host, port);
            } catch (NumberFormatException e) {
                throw new ParameterException(commandLine, "port in '" + text + "' is not 1..65535");
            }
        }
    }
}
