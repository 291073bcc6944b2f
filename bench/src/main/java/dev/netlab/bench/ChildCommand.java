package dev.netlab.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What to run as a child process: its argument vector, where its standard input comes from and
 * its standard output goes (a file, or captured), extra environment, and how long it may take.
 * Immutable; the {@code with...} methods return changed copies.
 */
public record ChildCommand(List<String> argv, Path stdinFrom, Path stdoutTo,
                           Map<String, String> environment, Duration timeout) {

    /**
     * Long enough for a 1 GiB transfer over a slow peer on a busy 2-core machine, short enough
     * that a hung child does not hold a benchmark for ever.
     */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    public ChildCommand {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("a child command needs at least a program name");
        }
        argv = List.copyOf(argv);
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout " + timeout + " must be positive");
        }
    }

    public static ChildCommand of(String... argv) {
        return of(List.of(argv));
    }

    public static ChildCommand of(List<String> argv) {
        return new ChildCommand(argv, null, null, Map.of(), DEFAULT_TIMEOUT);
    }

    public ChildCommand withStdinFrom(Path file) {
        return new ChildCommand(argv, file, stdoutTo, environment, timeout);
    }

    public ChildCommand withStdoutTo(Path file) {
        return new ChildCommand(argv, stdinFrom, file, environment, timeout);
    }

    public ChildCommand withEnvironment(String name, String value) {
        Map<String, String> changed = new LinkedHashMap<>(environment);
        changed.put(name, value);
        return new ChildCommand(argv, stdinFrom, stdoutTo, changed, timeout);
    }

    public ChildCommand withTimeout(Duration limit) {
        return new ChildCommand(argv, stdinFrom, stdoutTo, environment, limit);
    }

    /** This command with more arguments at the end. */
    public ChildCommand plus(String... more) {
        List<String> longer = new ArrayList<>(argv);
        Collections.addAll(longer, more);
        return new ChildCommand(longer, stdinFrom, stdoutTo, environment, timeout);
    }

    /** The command as a user would type it, for messages and reports. */
    public String display() {
        return String.join(" ", argv);
    }

    ProcessBuilder processBuilder() {
        ProcessBuilder builder = new ProcessBuilder(argv);
        builder.environment().putAll(environment);
        if (stdinFrom != null) {
            builder.redirectInput(stdinFrom.toFile());
        } else {
            builder.redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        }
        if (stdoutTo != null) {
            builder.redirectOutput(stdoutTo.toFile());
        }
        return builder;
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}
