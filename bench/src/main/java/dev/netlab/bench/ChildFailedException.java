package dev.netlab.bench;

import java.io.IOException;

/** A child process that a benchmark depends on failed, timed out or never became ready. */
public final class ChildFailedException extends IOException {

    private static final long serialVersionUID = 1L;

    public ChildFailedException(String message) {
        super(message);
    }

    /** The child ran to the end but exited with a non-zero code. */
    public static ChildFailedException exited(ChildRun run) {
        String said = run.lastErrorLine();
        return new ChildFailedException("`" + run.command().display() + "` exited with code " + run.exitCode()
                + (said.isEmpty() ? "" : ": " + said));
    }
}
