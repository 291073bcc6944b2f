package dev.netlab.filetransfer.cli;

import java.util.Locale;
import dev.netlab.filetransfer.client.TransferSummary;
import dev.netlab.filetransfer.engine.FileOutcome;
import java.util.List;

/** The {@code result} of a filetransfer run report (DESIGN.md). */
public record FileTransferResult(boolean ok, long files, long bytes, double seconds, double bytesPerSecond,
                                 long resumedBytes, int chunksRetransmitted, long skippedFiles, long failedFiles,
                                 int filesSentAgain, List<FileDigest> digests) {

    /** One file's verdict and digest. */
    public record FileDigest(String path, long size, String status, String algorithm, String digest, String error) {
    }

    public static FileTransferResult of(TransferSummary s) {
        List<FileDigest> digests = s.files().stream().filter(f -> !f.directory()).map(FileTransferResult::digestOf).toList();
        return new FileTransferResult(s.ok(), s.regularFiles(), s.bytes(), s.seconds(), s.bytesPerSecond(),
                s.resumedBytes(), s.chunksRetransmitted(), s.skippedFiles(), s.failedFiles(),
                s.filesSentAgain(), digests);
    }

    private static FileDigest digestOf(FileOutcome f) {
        return new FileDigest(f.path(), f.size(), f.status().name().toLowerCase(Locale.ROOT),
                f.algorithm() == null ? null : f.algorithm().cliName(), f.digestHex(), f.ok() ? null : f.message());
    }
}
