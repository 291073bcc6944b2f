package dev.netlab.filetransfer.protocol;

import dev.netlab.common.frame.ProtocolViolationException;

/** A file's outcome in a RESULT message. */
public enum FileStatus {
    /** Stored under its final name after the whole-file digest matched. */
    VERIFIED(1),
    /** The same content (size and digest) was already there; nothing was written. */
    SKIPPED(2),
    /** Not stored; the RESULT's error code and message say why. */
    FAILED(3),
    /** This connection's stripe of a file is stored; the file's verdict comes in the RESULT of
     *  the stripe that completes it. */
    STORED(4);

    private final int wire;

    FileStatus(int wire) {
        this.wire = wire;
    }

    public int wire() {
        return wire;
    }

    public static FileStatus fromWire(int wire) throws ProtocolViolationException {
        for (FileStatus status : values()) {
            if (status.wire == wire) {
                return status;
            }
        }
        throw new ProtocolViolationException("unknown file status " + wire);
    }
}
