package dev.netlab.filetransfer.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.netlab.bench.ChildCommand;
import dev.netlab.bench.ChildFailedException;
import dev.netlab.bench.ChildRun;
import dev.netlab.bench.ChildRunner;
import dev.netlab.bench.ChildServer;
import dev.netlab.bench.DataTrees;
import dev.netlab.bench.FreePort;
import dev.netlab.bench.OutsideTiming;
import dev.netlab.common.report.RunReport;
import dev.netlab.common.report.RunReportJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The peers a benchmark measures netlab against, ready to move data on loopback: it starts the
 * daemons the wanted peers need (skipping, with one line each, peers that are not installed or
 * whose daemon would not start), times each transfer from outside, checks the bytes arrived,
 * removes them again, and reports every transfer as a {@link RunReport} in netlab's schema
 * ({@code tool} = the peer's name) so that {@code compare} shows peers as rows beside netlab.
 * Not thread-safe: one transfer at a time, as a benchmark wants anyway.
 */
public final class PeerSet implements AutoCloseable {

    private static final Pattern NC_READY = Pattern.compile("Listening on");

    private final Path work;
    private final Duration timeout;
    private final List<Peer> available = new ArrayList<>();
    private final List<ChildServer> daemons = new ArrayList<>();
    private int rsyncPort;
    private int sshPort;
    private int iperf3Port;

    private PeerSet(Path work, Duration timeout) {
        this.work = work;
        this.timeout = timeout;
    }

    /**
     * Starts what {@code wanted} needs under {@code work}; {@code notices} receives one line per
     * peer that is skipped.
     */
    public static PeerSet start(Collection<Peer> wanted, Path work, Duration timeout, Consumer<String> notices)
            throws IOException, InterruptedException {
        PeerSet peers = new PeerSet(work, timeout);
        try {
            for (Peer peer : wanted) {
                peers.prepare(peer, notices);
            }
            return peers;
        } catch (IOException | InterruptedException | RuntimeException e) {
            peers.close();
            throw e;
        }
    }

    private void prepare(Peer peer, Consumer<String> notices) throws IOException, InterruptedException {
        if (!peer.isInstalled()) {
            notices.accept(peer.skipMessage());
            return;
        }
        Path folder = Files.createDirectories(work.resolve(peer.toolName()));
        try {
            switch (peer) {
                case RSYNC -> {
                    rsyncPort = FreePort.onLoopback();
                    daemons.add(PeerDaemons.rsync(folder, inbox(peer), rsyncPort));
                }
                case SCP -> {
                    sshPort = FreePort.onLoopback();
                    daemons.add(PeerDaemons.sshd(folder, clientKey(), sshPort));
                }
                case IPERF3 -> {
                    iperf3Port = FreePort.onLoopback();
                    daemons.add(PeerDaemons.iperf3(iperf3Port));
                }
                case NC -> Files.createDirectories(inbox(peer));
            }
            Files.createDirectories(inbox(peer));
            available.add(peer);
        } catch (ChildFailedException e) {
            notices.accept("skipping " + peer.toolName() + ": " + e.getMessage());
        }
    }

    private Path inbox(Peer peer) {
        return work.resolve(peer.toolName()).resolve("inbox");
    }

    private Path clientKey() {
        return work.resolve(Peer.SCP.toolName()).resolve("client_ed25519_key");
    }

    /** The wanted peers that are installed and ready, in the order they were asked for. */
    public List<Peer> available() {
        return List.copyOf(available);
    }

    /** nc and iperf3 move one stream of bytes, not a folder tree. */
    public static boolean canMove(Peer peer, TransferData data) {
        return !data.directory() || peer == Peer.RSYNC || peer == Peer.SCP;
    }

    /** Moves {@code data} with {@code peer} once and reports the run; a failed run has ok = false. */
    public RunReport transfer(Peer peer, TransferData data) throws IOException, InterruptedException {
        if (!available.contains(peer) || !canMove(peer, data)) {
            throw new IllegalArgumentException(peer.toolName() + " cannot move " + data.label() + " here");
        }
        Instant started = Instant.now();
        Path inbox = inbox(peer);
        PeerResult result = switch (peer) {
            case NC -> nc(data, inbox);
            case RSYNC -> copied(data, inbox, rsyncCommand(data));
            case SCP -> copied(data, inbox, scpCommand(data, inbox));
            case IPERF3 -> iperf3(data);
        };
        DataTrees.deleteContents(inbox);
        String command = peer == Peer.IPERF3 ? "memory" : "send";
        return RunReport.of(peer.toolName(), command, started, Map.of("data", data.label()), result, List.of());
    }

    private ChildCommand rsyncCommand(TransferData data) {
        ChildCommand command = ChildCommand.of("rsync", "--whole-file");
        if (data.directory()) {
            command = command.plus("-r");
        }
        return command.plus(data.path().toString(), "rsync://127.0.0.1:" + rsyncPort + "/inbox/").withTimeout(timeout);
    }

    private ChildCommand scpCommand(TransferData data, Path inbox) {
        ChildCommand command = ChildCommand.of("scp", "-q", "-B", "-P", String.valueOf(sshPort),
                "-i", clientKey().toString(), "-o", "StrictHostKeyChecking=no",
                "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR");
        if (data.directory()) {
            command = command.plus("-r");
        }
        String target = System.getProperty("user.name") + "@127.0.0.1:" + inbox.toAbsolutePath() + "/";
        return command.plus(data.path().toString(), target).withTimeout(timeout);
    }

    private PeerResult copied(TransferData data, Path inbox, ChildCommand command) throws IOException, InterruptedException {
        ChildRun run = ChildRunner.run(command);
        return result(data, run.succeeded() && DataTrees.sizeOf(inbox) == data.bytes(), run.seconds(), command);
    }

    private PeerResult nc(TransferData data, Path inbox) throws IOException, InterruptedException {
        int port = FreePort.onLoopback();
        Path received = inbox.resolve("received.bin");
        ChildCommand listen = ChildCommand.of("nc", "-v", "-l", "127.0.0.1", String.valueOf(port)).withStdoutTo(received);
        ChildCommand send = ChildCommand.of("nc", "-N", "127.0.0.1", String.valueOf(port))
                .withStdinFrom(data.path()).withTimeout(timeout);
        try (ChildServer receiver = ChildServer.start(listen)) {
            receiver.awaitLine(NC_READY, PeerDaemons.START_TIMEOUT);
            long startedAt = System.nanoTime();
            ChildRun sent = ChildRunner.run(send);
            int receiverExit = receiver.awaitExit(timeout);
            double seconds = (System.nanoTime() - startedAt) / 1e9;
            boolean ok = sent.succeeded() && receiverExit == 0 && Files.size(received) == data.bytes();
            return result(data, ok, seconds, send);
        }
    }

    private PeerResult iperf3(TransferData data) throws IOException, InterruptedException {
        ChildCommand command = ChildCommand.of("iperf3", "-c", "127.0.0.1", "-p", String.valueOf(iperf3Port),
                "-n", String.valueOf(data.bytes()), "-J").withTimeout(timeout);
        ChildRun run = ChildRunner.run(command);
        OutsideTiming outside = OutsideTiming.of(data.bytes(), run.seconds());
        if (!run.succeeded()) {
            return new PeerResult(false, 0, 0, run.seconds(), outside.bytesPerSecond(), outside, command.display());
        }
        // The sender's sum holds every byte; the receiver's rate is the ceiling, but its byte count
        // misses what was still in flight when iperf3 took its sums.
        JsonNode end = RunReportJson.mapper().readTree(run.stdout()).path("end");
        long sent = end.path("sum_sent").path("bytes").asLong();
        JsonNode rated = end.path("sum_received").path("bytes").asLong() > 0 ? end.path("sum_received") : end.path("sum_sent");
        double rate = rated.path("bits_per_second").asDouble() / 8;
        return new PeerResult(sent >= data.bytes(), 0, sent, rate > 0 ? sent / rate : 0, rate, outside, command.display());
    }

    private static PeerResult result(TransferData data, boolean ok, double seconds, ChildCommand command) {
        OutsideTiming outside = OutsideTiming.of(data.bytes(), seconds);
        return new PeerResult(ok, data.files(), data.bytes(), seconds, outside.bytesPerSecond(), outside,
                command.display());
    }

    /** Stops every daemon started, last first. */
    @Override
    public void close() throws InterruptedException {
        for (int i = daemons.size() - 1; i >= 0; i--) {
            daemons.get(i).close();
        }
        daemons.clear();
    }
}
