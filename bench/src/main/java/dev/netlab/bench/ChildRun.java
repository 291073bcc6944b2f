package dev.netlab.bench;

/**
 * How one finished child process went: its exit code, what it printed (stdout is empty when it
 * went to a file) and its wall-clock time measured from outside, process start-up included.
 */
public record ChildRun(ChildCommand command, int exitCode, String stdout, String stderr, double seconds) {

    public boolean succeeded() {
        return exitCode == 0;
    }

    /** The last non-blank line of stderr, or "" : what a failing tool said about why. */
    public String lastErrorLine() {
        String[] lines = stderr.strip().split("\\R");
        return lines.length == 0 ? "" : lines[lines.length - 1].strip();
    }
}
