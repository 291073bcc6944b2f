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

    /**
     * Uploads only, on the sending thread: chunk {@code index} of the file being sent is mapped and
     * about to be read. The deterministic point at which tests change a source mid-send.
     */
    default void aboutToRead(int index) {
    }
}
