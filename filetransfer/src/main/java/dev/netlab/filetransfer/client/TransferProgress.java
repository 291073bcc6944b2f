package dev.netlab.filetransfer.client;

import dev.netlab.filetransfer.engine.FileOutcome;

/** Live progress of a transfer, for a progress bar or a run report. Thread-safe implementations only: streams call it concurrently. */
public interface TransferProgress {

    TransferProgress NONE = new TransferProgress() {
    };

    /** The total the bar counts towards, once the files are listed. */
    default void started(long totalBytes, int files) {
    }

    /** File bytes sent or received, or found already present (resumed). */
    default void advanced(long bytes) {
    }

    default void fileFinished(FileOutcome outcome) {
    }
}
