package dev.netlab.filetransfer.cli;

import dev.netlab.common.cli.HostPort;
import dev.netlab.common.cli.SizeConverter;
import dev.netlab.filetransfer.client.ClientOptions;
import dev.netlab.filetransfer.protocol.DigestAlgorithm;
import dev.netlab.filetransfer.protocol.TokenMac;
import dev.netlab.filetransfer.protocol.TransferProtocol;
import dev.netlab.filetransfer.tls.ClientTlsOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The one option set of send and get (a picocli mixin): connection, chunking, verification,
 * progress and TLS options, checked in one place, and the run report's params they shape.
 */
public final class TransferOptions {

    @Option(names = "--token-file", paramLabel = "FILE", description = "Prove knowledge of this shared token (never sent).")
    Path tokenFile;

    @Option(names = "--chunk-size", paramLabel = "SIZE", converter = SizeConverter.class, defaultValue = "1m",
            description = "Chunk size, 64k to 16m (default: ${DEFAULT-VALUE}).")
    long chunkSize;

    @Option(names = "--verify", paramLabel = "ALG", defaultValue = "xxh128",
            description = "Whole-file digest: xxh128 (default, equals xxhsum -H2) or sha256.")
    String verify;

    @Option(names = "--streams", paramLabel = "N", defaultValue = "1", description = "Parallel connections for send (default: 1); get downloads over one.")
    int streams;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "60s",
            description = "Give up when the connection stands still this long (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--no-progress", description = "No progress bar (there is none anyway when stderr is not a terminal).")
    boolean noProgress;

    @Mixin
    ClientTlsOptions tls;

    ClientOptions toClientOptions(String hostPort, picocli.CommandLine commandLine) throws IOException {
        InetSocketAddress target;
        try {
            target = HostPort.parse(hostPort);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(commandLine, e.getMessage());
        }
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
        return new ClientOptions(target.getHostString(), target.getPort(), token, (int) chunkSize, algorithm, streams,
                ClientOptions.DEFAULT_CONNECT_TIMEOUT, timeout, tls.transport(notice -> {
                    commandLine.getErr().println(notice);
                    commandLine.getErr().flush();
                }));
    }

    /** The params every send and get report carries, in the order the report shows them. */
    static Map<String, Object> reportParams(String target, ClientOptions options) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("target", target);
        params.put("chunkSize", options.chunkSize());
        params.put("verify", options.algorithm().cliName());
        params.put("streams", options.streams());
        return params;
    }

    boolean progressWanted() {
        return !noProgress;
    }
}
