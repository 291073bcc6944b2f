package dev.netlab.filetransfer.cli;

import dev.netlab.common.cli.ExitCodes;
import dev.netlab.common.cli.SizeConverter;
import dev.netlab.common.cli.VerboseOption;
import dev.netlab.filetransfer.protocol.TokenMac;
import dev.netlab.filetransfer.server.AdmissionPolicy;
import dev.netlab.filetransfer.server.FileServer;
import dev.netlab.filetransfer.server.ServerConfig;
import dev.netlab.filetransfer.store.OnExists;
import dev.netlab.filetransfer.tls.ServerTlsOptions;
import dev.netlab.filetransfer.tls.TlsAcceptor;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
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

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

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
        InetAddress address = InetAddress.getByName(bind);
        PrintWriter err = spec.commandLine().getErr();
        if (!address.isLoopbackAddress() && tokenFile == null) {
            err.println("warning: listening on " + bind + " without --token-file: anyone who can reach this port can write to "
                    + dir);
            err.flush();
        }
        byte[] token = tokenFile == null ? null : TokenMac.readToken(tokenFile);
        TlsAcceptor tlsAcceptor = tls.acceptor();
        ServerConfig config = new ServerConfig(dir, new InetSocketAddress(address, port), token, maxConnections,
                maxFileSize == null ? Long.MAX_VALUE : maxFileSize, maxFiles, onExists, fsync, readTimeout, idleTimeout,
                ServerTlsOptions.transport(tlsAcceptor), AdmissionPolicy.DEFAULTS.withHandshakeTimeout(handshakeTimeout));
        FileServer server = new FileServer(config).start();
        CountDownLatch stopped = new CountDownLatch(1);
        PrintWriter out = spec.commandLine().getOut();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            int exitCode = ExitCodes.OK;
            try {
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
        out.flush();
        stopped.await();
        return 0;
    }

    private static String hostText(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return host.contains(":") ? "[" + host + "]" : host;
    }
}
