package dev.netlab.livestream.receiver;

import dev.netlab.common.cli.ExitCodes;

/**
 * How a receiver session ended: one line for the user and the kind of ending, which gives the
 * exit code DESIGN.md assigns (0 played to the end or to --duration, 1 refused or failed,
 * 3 no server or gone).
 */
public record SessionEnd(String why, Kind kind) {

    /** The kinds of ending. */
    public enum Kind {
        /** Played to the end of the media, or to --duration. */
        PLAYED,
        /** Refused (server full, another packet format version) or closed before its end. */
        FAILED,
        /** No answer from the server, or it went away (silence, shutdown, timed this receiver out). */
        DISCONNECTED
    }

    public boolean ok() {
        return kind == Kind.PLAYED;
    }

    public int exitCode() {
        return switch (kind) {
            case PLAYED -> ExitCodes.OK;
            case FAILED -> ExitCodes.FAILED;
            case DISCONNECTED -> ExitCodes.DISCONNECTED;
        };
    }
}
