package dev.netlab.filetransfer.engine;

/** What a {@link FileSender} tells its owner while it sends; every method may be a no-op. Called from the sending thread only. */
public interface SenderEvents {

    SenderEvents NONE = new SenderEvents() {
    };

    /** File bytes were handed to the connection (retransmissions included). */
    default void bytesSent(long bytes) {
    }

    /** Bytes the receiver already held and that were not sent again. */
    default void bytesResumed(long bytes) {
    }

    default void fileFinished(FileOutcome outcome) {
    }

    /** The source at {@code path} changed while it was read; it is being sent again from the start. */
    default void sourceRestarted(String path) {
    }

    /**
     * Chunk {@code index} of the file being sent is mapped and about to be read from its source:
     * the exact point a test can change (or truncate) the source at, deterministically.
     */
    default void aboutToRead(int index) {
    }
}
