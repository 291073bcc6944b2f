package dev.netlab.common.cli;

/** The process exit codes of every netlab command, as DESIGN.md fixes them. */
public final class ExitCodes {

    public static final int OK = 0;
    /** The job failed: verification, refusal by the peer, a stream error. */
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    /** Could not connect, or was disconnected for good. */
    public static final int DISCONNECTED = 3;
    public static final int AUTH_REFUSED = 4;

    private ExitCodes() {
    }
}
