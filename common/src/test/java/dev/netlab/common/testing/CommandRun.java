package dev.netlab.common.testing;

import dev.netlab.common.cli.Launcher;
import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Runs a picocli command in-process through the real {@link Launcher}, capturing what it prints,
 * so tests assert exit codes and exact messages as a user would see them.
 */
public final class CommandRun {

    /** What one command run printed and returned. */
    public record Result(int exitCode, String out, String err) {
    }

    private CommandRun() {
    }

    public static Result run(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Launcher.run(command, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }
}
