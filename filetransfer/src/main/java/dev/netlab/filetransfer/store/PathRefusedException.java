package dev.netlab.filetransfer.store;

import java.io.IOException;

/** A path from the wire that must not be used: it would leave the served directory, or is malformed. */
public final class PathRefusedException extends IOException {

    public PathRefusedException(String message) {
        super(message);
    }
}
