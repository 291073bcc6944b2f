package dev.netlab.common.cli;

/**
 * Implemented by exceptions that know which {@link ExitCodes exit code} they stand for, such as
 * an authentication refusal. The {@link Launcher} asks them instead of guessing from the type.
 */
public interface ExitStatus {

    int exitCode();
}
