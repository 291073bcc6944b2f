package dev.netlab.filetransfer.cli;

import dev.netlab.common.cli.CommandFailedException;
import dev.netlab.common.cli.ExitCodes;
import dev.netlab.common.cli.ProgressDisplay;
import dev.netlab.common.cli.ReportOptions;
import dev.netlab.common.metrics.IntervalSampler;
import dev.netlab.common.metrics.Units;
import dev.netlab.common.report.RunReport;
import dev.netlab.filetransfer.client.TransferProgress;
import dev.netlab.filetransfer.client.TransferSummary;
import dev.netlab.filetransfer.engine.FileOutcome;
import dev.netlab.filetransfer.protocol.FileStatus;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The user-facing side of one send or get: progress bar, per-second intervals, the digest lines,
 * the one-line summary, the run report, and the exit verdict. Command classes create one,
 * pass {@link #progress()} to the client, and hand it the summary.
 */
final class TransferRun implements AutoCloseable {

    /** Up to this many files get a digest line each; beyond, the report holds them. */
    private static final int MAX_DIGEST_LINES = 50;

    private final String command;
    private final boolean progressWanted;
    private final Instant startedAt = Instant.now();
    private final AtomicLong moved = new AtomicLong();
    private final IntervalSampler sampler;
    private volatile ProgressDisplay bar;

    TransferRun(String command, boolean progressWanted) {
        this.command = command;
        this.progressWanted = progressWanted;
        AtomicLong last = new AtomicLong();
        this.sampler = new IntervalSampler(() -> {
            long now = moved.get();
            long delta = now - last.getAndSet(now);
            return Map.of("bytes", (double) delta, "bytesPerSecond", (double) delta);
        }).start();
    }

    TransferProgress progress() {
        return new TransferProgress() {
            @Override
            public void started(long totalBytes, int files) {
                bar = ProgressDisplay.open(command, totalBytes, progressWanted && totalBytes > 0);
            }

            @Override
            public void advanced(long bytes) {
                moved.addAndGet(bytes);
                ProgressDisplay display = bar;
                if (display != null) {
                    display.stepBy(bytes);
                }
            }
        };
    }

    /** Prints digests and the summary, writes the report, and throws unless every file is fine. */
    void finish(TransferSummary summary, Map<String, Object> params, ReportOptions report, PrintWriter out,
                PrintWriter err) throws IOException {
        close();
        PrintWriter human = report.jsonOnStdout() ? err : out;
        List<FileOutcome> files = summary.files().stream().filter(f -> !f.directory()).toList();
        if (files.size() <= MAX_DIGEST_LINES) {
            for (FileOutcome f : files) {
                if (f.digestHex() != null) {
                    human.println(f.digestHex() + "  " + f.path() + "  (" + f.algorithm().cliName()
                            + (f.status() == FileStatus.SKIPPED ? ", skipped: identical" : "")
                            + (f.storedAs() != null ? ", stored as " + f.storedAs() : "") + ")");
                }
            }
        }
        for (FileOutcome f : summary.files()) {
            if (!f.ok()) {
                err.println("failed: " + f.path() + ": " + f.message());
            }
        }
        human.println(summaryLine(summary));
        human.flush();
        if (report.wanted()) {
            report.emit(RunReport.of("filetransfer", command, startedAt, params, FileTransferResult.of(summary),
                    sampler.intervals()), out);
        }
        if (summary.exitCode() != ExitCodes.OK) {
            throw new CommandFailedException(summary.exitCode(), summary.failedFiles() + " of " + summary.files().size()
                    + " files failed");
        }
    }

    static String summaryLine(TransferSummary s) {
        String algorithm = s.files().stream().filter(f -> f.algorithm() != null).findFirst()
                .map(f -> f.algorithm().cliName()).orElse("xxh128");
        StringBuilder line = new StringBuilder()
                .append(s.regularFiles()).append(" files, ")
                .append(Units.formatBytes(s.bytes())).append(" in ").append(Units.formatSeconds(s.seconds()))
                .append(", ").append(Units.formatRate(s.bytesPerSecond()))
                .append(s.ok() ? ", all verified (" + algorithm + ")" : ", " + s.failedFiles() + " FAILED");
        if (s.skippedFiles() > 0) {
            line.append(", ").append(s.skippedFiles()).append(" skipped (identical)");
        }
        if (s.resumedBytes() > 0) {
            line.append(", ").append(Units.formatBytes(s.resumedBytes())).append(" resumed");
        }
        if (s.filesSentAgain() > 0) {
            line.append(", ").append(s.filesSentAgain()).append(" sent again (changed while read)");
        }
        if (s.chunksRetransmitted() > 0) {
            line.append(", ").append(s.chunksRetransmitted()).append(" chunks retransmitted");
        }
        return line.toString();
    }

    @Override
    public void close() {
        ProgressDisplay display = bar;
        if (display != null) {
            display.close();
        }
        sampler.close();
    }
}
