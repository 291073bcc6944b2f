package dev.netlab.filetransfer.cli;

import dev.netlab.common.cli.ExitCodes;
import dev.netlab.common.cli.SizeConverter;
import dev.netlab.common.cli.VerboseOption;
import dev.netlab.common.discovery.Announcement;
import dev.netlab.filetransfer.pairing.LanPresence;
import dev.netlab.filetransfer.pairing.PairingCode;
import dev.netlab.filetransfer.pairing.PairingCodeKeeper;
import dev.netlab.filetransfer.pairing.PairingTransport;
import dev.netlab.filetransfer.protocol.TokenMac;
import dev.netlab.filetransfer.server.AdmissionPolicy;
import dev.netlab.filetransfer.server.FileServer;
import dev.netlab.filetransfer.server.ServerConfig;
import dev.netlab.filetransfer.store.OnExists;
import dev.netlab.filetransfer.tls.ServerTlsOptions;
import dev.netlab.filetransfer.tls.TlsAcceptor;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code filetransfer serve --dir DIR}: receive (and serve) files until SIGINT or SIGTERM. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve a directory: receive uploads, answer downloads and listings, until SIGINT/SIGTERM.")
public final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--dir", required = true, paramLabel = "DIR", description = "The directory to receive into and serve from.")
    Path dir;

    @Option(names = "--port", defaultValue = "9000", description = "TCP port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", description = "Address to listen on (default: 127.0.0.1; with --lan 0.0.0.0, all interfaces).")
    String bind;

    @Option(names = "--lan", description = "Announce this server on the LAN, speak TLS and accept only clients that pair"
            + " with the code printed at start ('pairing code: CODE') or hold the --token-file token.")
    boolean lan;

    @Option(names = "--name", paramLabel = "NAME", description = "The name announced with --lan (default: the host name).")
    String name;

    @Option(names = "--code", paramLabel = "CODE", description = "Use this pairing code instead of a new random one"
            + " (four digits, then words: 4721-maple-otter-quartz). Visible to other users in the process list:"
            + " prefer --code-file.")
    String code;

    @Option(names = "--code-file", paramLabel = "FILE", description = "Read the pairing code from the first line of FILE.")
    Path codeFile;

    @Option(names = "--token-file", paramLabel = "FILE", description = "Require clients to prove they know this token.")
    Path tokenFile;

    @Option(names = "--max-connections", defaultValue = "64", description = "Connections served at once (default: ${DEFAULT-VALUE}).")
    int maxConnections;

    @Option(names = "--max-file-size", paramLabel = "SIZE", converter = SizeConverter.class,
            description = "Refuse files larger than this (default: no limit beyond free space).")
    Long maxFileSize;

    @Option(names = "--max-files", defaultValue = "1000000", description = "Files accepted per connection (default: ${DEFAULT-VALUE}).")
    int maxFiles;

    @Option(names = "--on-exists", defaultValue = "rename",
            description = "When a different file has the name: rename (default, keeps both), overwrite, fail.")
    OnExists onExists;

    @Option(names = "--fsync", description = "Force every file to disk before its final rename (slower; survives power loss).")
    boolean fsync;

    @Option(names = "--read-timeout", defaultValue = "30s", description = "Drop a peer silent this long mid-request (default: ${DEFAULT-VALUE}).")
    Duration readTimeout;

    @Option(names = "--idle-timeout", defaultValue = "5m", description = "Drop a peer idle this long between requests (default: ${DEFAULT-VALUE}).")
    Duration idleTimeout;

    @Option(names = "--handshake-timeout", defaultValue = "5s",
            description = "Drop a peer that has not finished the handshake and authentication within this time (default: ${DEFAULT-VALUE}).")
    Duration handshakeTimeout;

    @Mixin
    ServerTlsOptions tls;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(dir)) {
            throw new ParameterException(spec.commandLine(), "--dir " + dir + " is not a directory");
        }
        if (maxConnections < 1) {
            throw new ParameterException(spec.commandLine(), "--max-connections must be at least 1");
        }
        if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
            throw new ParameterException(spec.commandLine(), "--handshake-timeout must be positive");
        }
        if (!lan && (name != null || code != null || codeFile != null)) {
            throw new ParameterException(spec.commandLine(), "--name, --code and --code-file go with --lan");
        }
        if (code != null && codeFile != null) {
            throw new ParameterException(spec.commandLine(), "give --code or --code-file, not both");
        }
        PairingCode firstCode = lan ? firstCode() : null;
        InetAddress address = InetAddress.getByName(bind != null ? bind : lan ? "0.0.0.0" : "127.0.0.1");
        PrintWriter err = spec.commandLine().getErr();
        if (!address.isLoopbackAddress() && tokenFile == null && !lan) {
            err.println("warning: listening on " + bind + " without --token-file: anyone who can reach this port can write to "
                    + dir);
            err.flush();
        }
        byte[] token = tokenFile == null ? null : TokenMac.readToken(tokenFile);
        TlsAcceptor tlsAcceptor = lan ? tls.acceptorRequired() : tls.acceptor();
        PrintWriter out = spec.commandLine().getOut();
        AtomicReference<LanPresence> presence = new AtomicReference<>();
        PairingCodeKeeper keeper = lan ? new PairingCodeKeeper(firstCode, fresh -> {
            printCode(out, fresh);
            LanPresence p = presence.get();
            if (p != null) {
                p.announceNow();
            }
        }) : null;
        ServerConfig config = new ServerConfig(dir, new InetSocketAddress(address, port), token, maxConnections,
                maxFileSize == null ? Long.MAX_VALUE : maxFileSize, maxFiles, onExists, fsync, readTimeout, idleTimeout,
                lan ? PairingTransport.server(tlsAcceptor, keeper) : ServerTlsOptions.transport(tlsAcceptor),
                AdmissionPolicy.DEFAULTS.withHandshakeTimeout(handshakeTimeout));
        FileServer server = new FileServer(config).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            int exitCode = ExitCodes.OK;
            try {
                LanPresence p = presence.get();
                if (p != null) {
                    p.close();
                }
                server.close();
            } catch (java.io.IOException e) {
                err.println("error while closing: " + e.getMessage());
                exitCode = ExitCodes.FAILED;
            } finally {
                stopped.countDown();
            }
            out.flush();
            err.flush();
            // SIGINT/SIGTERM is how a server is told to stop: once every connection is closed that is a
            // success, exit 0 as service managers expect, not the JVM's 128 + signal number.
            Runtime.getRuntime().halt(exitCode);
        }, "ft-shutdown"));
        InetSocketAddress bound = server.localAddress();
        out.println("listening on " + hostText(bound) + ":" + bound.getPort());
        if (tlsAcceptor != null) {
            out.println(tlsAcceptor.startupLine());
        }
        if (lan) {
            String announced = name != null ? name : Announcement.defaultName();
            try {
                presence.set(LanPresence.announce(announced, bound.getPort(), tlsAcceptor.identity().fingerprint(), keeper));
                out.println("lan: announcing '" + announced + "' to LAN discovery");
            } catch (IOException | IllegalArgumentException e) {
                err.println("warning: not announcing on the LAN: " + e.getMessage()
                        + "; clients can still pair with send HOST:PORT --code CODE");
                err.flush();
            }
            printCode(out, keeper.current());
        }
        out.flush();
        stopped.await();
        return 0;
    }

    private PairingCode firstCode() throws IOException {
        try {
            return codeFile != null ? PairingCode.readFile(codeFile)
                    : code != null ? PairingCode.parse(code) : PairingCode.generate();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--code: " + e.getMessage());
        }
    }

    /** The only place a code is printed: stdout, for the person who reads it to the other side. */
    private static void printCode(PrintWriter out, PairingCode code) {
        synchronized (out) {
            out.println("pairing code: " + code.reveal());
            out.flush();
        }
    }

    private static String hostText(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return host.contains(":") ? "[" + host + "]" : host;
    }
}
