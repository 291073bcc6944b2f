package dev.netlab.filetransfer.client;

import dev.netlab.common.cli.ExitCodes;
import dev.netlab.filetransfer.engine.FileOutcome;
import dev.netlab.filetransfer.protocol.FileStatus;
import java.util.List;

/**
 * The result of one send or get: every file's outcome and the totals a user and a run report
 * want. {@code bytes} counts file bytes moved over the network in this run; {@code filesSentAgain}
 * how many times a file was sent again from the start because its source changed while it was read.
 */
public record TransferSummary(List<FileOutcome> files, long bytes, double seconds, long resumedBytes,
                              int chunksRetransmitted, int filesSentAgain) {

    public TransferSummary(List<FileOutcome> files, long bytes, double seconds, long resumedBytes, int chunksRetransmitted) {
        this(files, bytes, seconds, resumedBytes, chunksRetransmitted, 0);
    }

    /** True when every file was verified or skipped as identical. */
    public boolean ok() {
        return files.stream().allMatch(FileOutcome::ok);
    }

    /** The exit code this outcome means (DESIGN.md): 0 when every file is fine, else 1. */
    public int exitCode() {
        return ok() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    public long skippedFiles() {
        return files.stream().filter(f -> f.status() == FileStatus.SKIPPED).count();
    }

    public long failedFiles() {
        return files.stream().filter(f -> f.status() == FileStatus.FAILED).count();
    }

    /** Regular files (not directories) in the transfer. */
    public long regularFiles() {
        return files.stream().filter(f -> !f.directory()).count();
    }

    public long totalSize() {
        return files.stream().mapToLong(FileOutcome::size).sum();
    }

    public double bytesPerSecond() {
        return seconds > 0 ? bytes / seconds : 0;
    }
}
