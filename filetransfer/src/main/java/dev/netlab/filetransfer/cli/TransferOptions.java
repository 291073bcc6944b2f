package dev.netlab.filetransfer.cli;

import dev.netlab.common.cli.HostPort;
import dev.netlab.common.cli.SizeConverter;
import dev.netlab.filetransfer.client.ClientOptions;
import dev.netlab.filetransfer.pairing.LanPresence;
import dev.netlab.filetransfer.pairing.PairingCode;
import dev.netlab.filetransfer.pairing.PairingRefusedException;
import dev.netlab.filetransfer.pairing.PairingTransport;
import dev.netlab.filetransfer.protocol.DigestAlgorithm;
import dev.netlab.filetransfer.protocol.TokenMac;
import dev.netlab.filetransfer.protocol.TransferProtocol;
import dev.netlab.filetransfer.tls.ClientTlsOptions;
import dev.netlab.filetransfer.transport.Transport;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
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

    @Option(names = "--code", paramLabel = "CODE", description = "Pair with a serve --lan server by the code it printed"
            + " (implies TLS); without HOST:PORT the server is found on the LAN by the code's digits.")
    String code;

    @Mixin
    ClientTlsOptions tls;

    /** Whether {@code --code} was given, so the first argument may be a path instead of HOST:PORT. */
    boolean pairing() {
        return code != null;
    }

    /** {@code HOST:PORT} or {@code [IPV6]:PORT}: what a first argument must look like to be taken as an address. */
    static boolean looksLikeHostPort(String text) {
        return text.matches("(\\[[0-9A-Fa-f:.]+\\]|[^\\s/\\\\:\\[\\]]+):\\d{1,5}");
    }

    /**
     * The servers to try, in order: the one at {@code hostPort}, or with {@code --code} and no
     * address, the servers announcing the code's rendezvous id on the LAN.
     *
     * @param instead the command line that works without discovery, for the error when nothing is found
     */
    Candidates candidates(String hostPort, picocli.CommandLine commandLine, String instead) throws IOException {
        if (code != null && tls.pinned()) {
            // Silently pairing with whatever certificate the code proves would ignore what the user asked for.
            throw new ParameterException(commandLine, "--tls-pin does not go with --code: the pairing proves which"
                    + " server knows the code, and records its fingerprint");
        }
        if (hostPort != null) {
            return new Candidates(List.of(toClientOptions(hostPort, commandLine)));
        }
        if (code == null) {
            throw new ParameterException(commandLine, "missing HOST:PORT (or --code CODE to find the server on the LAN)");
        }
        PairingCode pairingCode = pairingCode(commandLine);
        Candidates found = new Candidates(pairingCode, server -> {
            String host = server.getAddress().getHostAddress();
            return toClientOptions((host.contains(":") ? "[" + host + "]" : host) + ":" + server.getPort(), commandLine);
        });
        found.add(LanPresence.find(pairingCode, LanPresence.FIND_WAIT, instead));
        return found;
    }

    /**
     * Runs {@code job} against the first candidate that pairs; a refused pairing moves on to the
     * next one (two servers may announce the same rendezvous id), the last one's refusal is
     * thrown. Nothing but the pairing ever reached a server that refused it.
     */
    <T> T onFirstPaired(Candidates candidates, PrintWriter err, ClientJob<T> job) throws Exception {
        ClientOptions options = candidates.next();
        while (true) {
            try {
                return job.run(options);
            } catch (PairingRefusedException e) {
                ClientOptions next = candidates.next();
                if (next == null) {
                    throw e;
                }
                err.println("pairing with " + options.host() + ":" + options.port() + " refused (" + e.getMessage()
                        + "); trying the next server announcing the same code");
                err.flush();
                options = next;
            }
        }
    }

    /**
     * The servers a command tries in turn. Those found by a code's digits are taken as soon as the
     * first answers; only when every one heard so far has refused the code does it ask the LAN
     * again for others ({@link LanPresence#findOthers}).
     */
    static final class Candidates {
        private final Deque<ClientOptions> pending = new ArrayDeque<>();
        private final Set<InetSocketAddress> heard = new HashSet<>();
        private final PairingCode discoveredBy;
        private final ServerOptions options;

        /** Servers given in advance: nothing more is looked for. */
        Candidates(List<ClientOptions> given) {
            this.pending.addAll(given);
            this.discoveredBy = null;
            this.options = null;
        }

        private Candidates(PairingCode discoveredBy, ServerOptions options) {
            this.discoveredBy = discoveredBy;
            this.options = options;
        }

        private void add(List<InetSocketAddress> servers) throws IOException {
            for (InetSocketAddress server : servers) {
                if (heard.add(server)) {
                    pending.add(options.of(server));
                }
            }
        }

        /** The next server to try, or null when there is none. */
        ClientOptions next() throws IOException {
            if (pending.isEmpty() && discoveredBy != null) {
                add(LanPresence.findOthers(discoveredBy, heard, LanPresence.OTHERS_WAIT));
            }
            return pending.poll();
        }
    }

    /** The client options for a server found on the LAN. */
    private interface ServerOptions {
        ClientOptions of(InetSocketAddress server) throws IOException;
    }

    /** One command's work against one server. */
    interface ClientJob<T> {
        T run(ClientOptions options) throws Exception;
    }

    private PairingCode pairingCode(picocli.CommandLine commandLine) {
        try {
            return PairingCode.parse(code);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(commandLine, "--code: " + e.getMessage());
        }
    }

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
        Consumer<String> notices = notice -> {
            commandLine.getErr().println(notice);
            commandLine.getErr().flush();
        };
        Transport transport = code == null ? tls.transport(notices)
                : PairingTransport.client(pairingCode(commandLine), tls.knownServers(), notices);
        return new ClientOptions(target.getHostString(), target.getPort(), token, (int) chunkSize, algorithm, streams,
                ClientOptions.DEFAULT_CONNECT_TIMEOUT, timeout, transport);
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
