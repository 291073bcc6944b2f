package dev.netlab.filetransfer.engine;

/** What a {@link FileReceiver} tells its owner as files arrive; every method may be a no-op. */
public interface ReceiverEvents {

    ReceiverEvents NONE = new ReceiverEvents() {
    };

    /** A chunk passed its CRC32C and was written. */
    default void chunkStored(int bytes) {
    }

    /** A file got its final RESULT. */
    default void fileFinished(FileOutcome outcome) {
    }
}
