package dev.netlab.filetransfer.store;

/**
 * Free space promised to one file while it arrives: what it still has to write. The store counts
 * every open promise against the disk's free space before it accepts another file, so the check
 * holds for all files of all sessions at once, not only for each alone. Thread-safe; closing it
 * returns what was not written.
 */
public final class SpaceReservation implements AutoCloseable {

    /** A promise of nothing, for files that need no space (directories, skipped files). */
    public static final SpaceReservation NONE = new SpaceReservation(null, 0);

    private final ReceiveStore store;
    private long outstanding;

    SpaceReservation(ReceiveStore store, long bytes) {
        this.store = store;
        this.outstanding = bytes;
    }

    /** {@code bytes} of the promise are now on the disk (written, or already there from an earlier attempt). */
    public void used(long bytes) {
        give(bytes);
    }

    @Override
    public void close() {
        give(Long.MAX_VALUE);
    }

    /** Returns up to {@code bytes} of what is still promised to the store. */
    private void give(long bytes) {
        if (store == null || bytes <= 0) {
            return;
        }
        long given;
        synchronized (this) {
            given = Math.min(bytes, outstanding);
            outstanding -= given;
        }
        if (given > 0) {
            store.returnPromise(given);
        }
    }
}
