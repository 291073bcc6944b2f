package dev.netlab.filetransfer.store;

import java.io.IOException;

/** Accepting a file would leave the disk (nearly) full. */
public final class InsufficientSpaceException extends IOException {

    public InsufficientSpaceException(long needed, long usable) {
        super("not enough free space: file needs " + needed + " bytes plus a reserve of "
                + ReceiveStore.FREE_SPACE_RESERVE + ", disk has " + usable);
    }
}
