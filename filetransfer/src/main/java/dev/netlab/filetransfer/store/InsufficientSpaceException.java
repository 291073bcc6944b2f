package dev.netlab.filetransfer.store;

import java.io.IOException;

/** Accepting a file would leave the disk (nearly) full. */
public final class InsufficientSpaceException extends IOException {

    public InsufficientSpaceException(long needed, long reserve, long usable, long promised) {
        super("not enough free space: file needs " + needed + " bytes plus a reserve of "
                + reserve + ", disk has " + usable
                + (promised > 0 ? " of which " + promised + " are promised to files still arriving" : ""));
    }
}
