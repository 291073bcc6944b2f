package dev.netlab.filetransfer.engine;

import dev.netlab.filetransfer.protocol.DigestAlgorithm;
import dev.netlab.filetransfer.protocol.ErrorCode;
import dev.netlab.filetransfer.protocol.FileStatus;

/**
 * What became of one file (or empty directory) of a transfer, as the receiver reported it.
 * {@code digestHex} is the verified whole-file digest (null for directories and failures);
 * {@code storedAs} is the name it was stored under when that differs from {@code path}.
 */
public record FileOutcome(String path, boolean directory, long size, FileStatus status, ErrorCode code,
                          String message, DigestAlgorithm algorithm, String digestHex, long resumedBytes,
                          int chunksRetransmitted, String storedAs) {

    public boolean ok() {
        return status != FileStatus.FAILED;
    }
}
