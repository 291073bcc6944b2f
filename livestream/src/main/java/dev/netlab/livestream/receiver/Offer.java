package dev.netlab.livestream.receiver;

/** What a jitter buffer did with a packet offered to it. */
public enum Offer {
    /** Stored for playout. */
    ACCEPTED,
    /** A copy of a packet already held; dropped. */
    DUPLICATE,
    /** Its playout time has passed; dropped. */
    LATE,
    /** Too far ahead of playout (beyond the buffer's window) or outside the session; dropped. */
    OUT_OF_WINDOW,
    /** Its content disagrees with the session (wrong length, inconsistent fragment count); dropped. */
    INVALID
}
