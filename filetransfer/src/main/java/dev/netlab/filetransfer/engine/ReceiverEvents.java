package dev.netlab.filetransfer.engine;

/** What a {@link FileReceiver} tells its owner as files arrive; every method may be a no-op. */
public interface ReceiverEvents {

    ReceiverEvents NONE = new ReceiverEvents() {
        @Override
        public boolean wantsOutcomes() {
            return false;
        }
    };

    /** False spares the receiver building an outcome per file that nobody reads. */
    default boolean wantsOutcomes() {
        return true;
    }

    /**
     * Called now and then during long local work (hashing a large file), so a connection
     * watchdog does not take the receiver's own silence for a dead peer.
     */
    default void stillWorking() {
    }

    /** A chunk passed its CRC32C and was written. */
    default void chunkStored(int bytes) {
    }

    /** The sender abandoned the file at {@code path} because its source changed; it sends it again. */
    default void sourceRestarted(String path) {
    }

    /** A file got its final RESULT. */
    default void fileFinished(FileOutcome outcome) {
    }
}
