package dev.netlab.filetransfer.bench;

import dev.netlab.bench.ChildCommand;
import dev.netlab.bench.ChildServer;
import dev.netlab.bench.ToolJar;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code filetransfer serve} processes a benchmark sends to: one plain and one with
 * {@code --tls}, as the variants need, each on a port of its own choosing ({@code --port 0})
 * learnt from its {@code listening on HOST:PORT} line, each receiving into a folder of its own.
 */
final class NetlabServers implements AutoCloseable {

    /** A JVM start plus, with TLS, making a key pair, on a machine busy with other builds. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private record Running(ChildServer process, InetSocketAddress address, Path folder) {
    }

    private final Map<Boolean, Running> servers = new LinkedHashMap<>();

    private NetlabServers() {
    }

    static NetlabServers start(ToolJar tool, Iterable<Boolean> tlsModes, Path work)
            throws IOException, InterruptedException {
        NetlabServers started = new NetlabServers();
        try {
            for (Boolean tls : tlsModes) {
                if (!started.servers.containsKey(tls)) {
                    started.servers.put(tls, started.startOne(tool, tls, work));
                }
            }
            return started;
        } catch (IOException | InterruptedException | RuntimeException e) {
            started.close();
            throw e;
        }
    }

    private Running startOne(ToolJar tool, boolean tls, Path work) throws IOException, InterruptedException {
        Path folder = Files.createDirectories(work.resolve(tls ? "serve-tls" : "serve-plain"));
        ChildCommand command = tool.command("serve", "--dir", folder.toString(), "--port", "0", "--bind", "127.0.0.1");
        if (tls) {
            command = command.plus("--tls");
        }
        ChildServer process = ChildServer.start(command);
        try {
            return new Running(process, process.awaitListening(START_TIMEOUT), folder);
        } catch (IOException | InterruptedException e) {
            process.close();
            throw e;
        }
    }

    /** {@code HOST:PORT} of the server for this TLS mode, as send takes it. */
    String target(boolean tls) {
        InetSocketAddress address = get(tls).address();
        return address.getHostString() + ":" + address.getPort();
    }

    /** The folder the server for this TLS mode receives into. */
    Path folder(boolean tls) {
        return get(tls).folder();
    }

    private Running get(boolean tls) {
        Running running = servers.get(tls);
        if (running == null) {
            throw new IllegalStateException("no " + (tls ? "TLS" : "plain") + " server was started");
        }
        return running;
    }

    @Override
    public void close() throws InterruptedException {
        for (Running running : servers.values()) {
            running.process().close();
        }
        servers.clear();
    }
}
