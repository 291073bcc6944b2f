package dev.netlab.filetransfer.protocol;

import dev.netlab.common.frame.ProtocolViolationException;

/**
 * A file's outcome in a RESULT message. Every status but {@link #RESTART_FROM_ZERO} is final:
 * the file (or, for STORED, the connection's stripe of it) gets no other RESULT.
 */
public enum FileStatus {
    /** Stored after the whole-file digest matched, under the offered name or the RESULT's stored-as name. */
    VERIFIED(1),
    /** The same content (size and digest) was already there; nothing was written. */
    SKIPPED(2),
    /** Not stored; the RESULT's error code and message say why. */
    FAILED(3),
    /** This connection's stripe of a file is stored; the file's verdict comes in the RESULT of
     *  the stripe that completes it. */
    STORED(4),
    /** Not stored: the file was resumed from chunks of an older version of the source (its
     *  whole-file digest did not match), and the receiver discarded them. The sender offers the
     *  file again, from the start; that offer gets the file's final RESULT. */
    RESTART_FROM_ZERO(5);

    private final int wire;

    FileStatus(int wire) {
        this.wire = wire;
    }

    public int wire() {
        return wire;
    }

    /** False only for RESTART_FROM_ZERO, after which the file is offered again. */
    public boolean isFinal() {
        return this != RESTART_FROM_ZERO;
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
