package dev.netlab.common.cli;

/**
 * Thrown by a command to end with a given exit code and a one-line message, for failures that
 * are the command's own verdict rather than an exception from below (a digest that did not
 * verify, an input file that is not a WAV).
 */
public class CommandFailedException extends RuntimeException implements ExitStatus {

    private final int exitCode;

    public CommandFailedException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    @Override
    public int exitCode() {
        return exitCode;
    }
}
