package dev.netlab.lab.run;

import dev.netlab.common.netns.NetnsPair;
import dev.netlab.common.report.RunReportJson;
import dev.netlab.filetransfer.cli.FiletransferCli;
import dev.netlab.lab.file.DatagramFileReceiver;
import dev.netlab.lab.file.FileComparison;
import dev.netlab.lab.peer.LabPeer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The file experiment on one link: the same file from host a to host b as bare UDP datagrams,
 * over plain TCP, and with filetransfer (its own {@code serve} and {@code send}). Each transfer
 * has {@code timeLimit} (plus {@link #STARTUP_ALLOWANCE} for its JVMs to start); one still running
 * then is stopped and scored on what had arrived.
 */
final class FileExperiment {

    /**
     * Pace of the bare UDP sender: 16 MiB/s, well under what a receiver here drains, so what it
     * loses is mostly the link's loss and not its own socket buffer overflowing (UDP has no flow
     * control); the 4 MiB buffer then covers 250 ms of the receiver not being scheduled. What the
     * buffer still drops is counted apart ({@code receiveBufferDrops}).
     */
    static final long UDP_BYTES_PER_SECOND = 16L * 1024 * 1024;

    /** Time a child JVM gets to start and connect before its transfer's time limit starts counting. */
    static final Duration STARTUP_ALLOWANCE = Duration.ofSeconds(5);

    private final NetnsPair pair;
    private final Path source;
    private final Path work;
    private final Duration timeLimit;
    private final long size;

    FileExperiment(NetnsPair pair, Path source, Path work, Duration timeLimit) throws IOException {
        this.pair = pair;
        this.source = source;
        this.work = work;
        this.timeLimit = timeLimit;
        this.size = Files.size(source);
    }

    FileRun udp(double lossPercent) throws IOException, InterruptedException {
        String tag = "file-udp-" + LabRun.lossTag(lossPercent);
        Path received = work.resolve(tag + ".bin");
        long receiveNanos = MediaExperiment.START_TIMEOUT.plus(timeLimit).toNanos();
        try (ChildProcess receiver = ChildProcess.start(tag + "-receiver", pair.b().java(LabPeer.class.getName(),
                "udp-file-receive", pair.b().address().getHostAddress(), String.valueOf(size),
                String.valueOf(receiveNanos), received.toString()), work)) {
            String address = receiver.awaitLine(LabPeer.LISTENING_PREFIX, MediaExperiment.START_TIMEOUT);
            try (ChildProcess sender = ChildProcess.start(tag + "-sender", pair.a().java(LabPeer.class.getName(),
                    "udp-file-send", address, source.toString(), String.valueOf(UDP_BYTES_PER_SECOND)), work)) {
                String json = receiver.awaitLine(LabPeer.RESULT_PREFIX, Duration.ofNanos(receiveNanos));
                LabPeer.UdpReceipt receipt = RunReportJson.mapper().readValue(json, LabPeer.UdpReceipt.class);
                DatagramFileReceiver.Outcome outcome = receipt.outcome();
                FileComparison c = FileComparison.of(source, received);
                return new FileRun("udp", lossPercent, new FileResult(size, c.bytesMissing(), c.bytesWrong(),
                        c.identical(), outcome.outOfOrder(), receipt.receiveBufferDrops(), outcome.seconds(),
                        outcome.datagrams() > 0));
            }
        }
    }

    FileRun tcp(double lossPercent) throws IOException, InterruptedException {
        String tag = "file-tcp-" + LabRun.lossTag(lossPercent);
        Path received = work.resolve(tag + ".bin");
        try (ChildProcess receiver = ChildProcess.start(tag + "-receiver", pair.b().java(LabPeer.class.getName(),
                "tcp-file-receive", pair.b().address().getHostAddress(), String.valueOf(size), received.toString()), work)) {
            String address = receiver.awaitLine(LabPeer.LISTENING_PREFIX, MediaExperiment.START_TIMEOUT);
            try (ChildProcess sender = ChildProcess.start(tag + "-sender", pair.a().java(LabPeer.class.getName(),
                    "tcp-file-send", address, source.toString()), work)) {
                double seconds;
                boolean finished;
                try {
                    String json = sender.awaitLine(LabPeer.RESULT_PREFIX, STARTUP_ALLOWANCE.plus(timeLimit));
                    seconds = RunReportJson.mapper().readTree(json).path("seconds").asDouble();
                    finished = true;
                } catch (IOException tooSlow) {
                    seconds = timeLimit.toNanos() / 1e9;
                    finished = false;
                }
                sender.close();
                receiver.close();
                FileComparison c = FileComparison.of(source, received);
                return new FileRun("tcp", lossPercent, new FileResult(size, c.bytesMissing(), c.bytesWrong(),
                        c.identical(), -1, -1, seconds, finished));
            }
        }
    }

    FileRun filetransfer(double lossPercent) throws IOException, InterruptedException {
        String tag = "file-filetransfer-" + LabRun.lossTag(lossPercent);
        Path dir = Files.createDirectories(work.resolve(tag));
        Path report = work.resolve(tag + "-send.json");
        Files.deleteIfExists(report);
        try (ChildProcess server = ChildProcess.start(tag + "-serve", pair.b().java(FiletransferCli.class.getName(),
                "serve", "--dir", dir.toString(), "--port", "0", "--bind", pair.b().address().getHostAddress(),
                "--on-exists", "overwrite"), work)) {
            String address = server.awaitLine("listening on ", MediaExperiment.START_TIMEOUT);
            double seconds = timeLimit.toNanos() / 1e9;
            boolean finished = false;
            try (ChildProcess sender = ChildProcess.start(tag + "-send", pair.a().java(FiletransferCli.class.getName(),
                    "send", address, source.toString(), "--report", report.toString(), "--no-progress"), work)) {
                if (sender.awaitExit(STARTUP_ALLOWANCE.plus(timeLimit)) && sender.exitCode() == 0) {
                    seconds = RunReportJson.read(report).result().path("seconds").asDouble();
                    finished = true;
                }
            }
            FileComparison c = FileComparison.of(source, dir.resolve(source.getFileName()));
            return new FileRun("filetransfer", lossPercent, new FileResult(size, c.bytesMissing(), c.bytesWrong(),
                    c.identical(), -1, -1, seconds, finished));
        }
    }
}
