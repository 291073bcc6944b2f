package dev.netlab.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Runs a child process to its end, or kills it (and everything it started) at its timeout, and
 * times it from outside: the clock starts just before the process is created and stops when it
 * has exited, so JVM or ssh start-up is part of the measurement, as a user waiting would see it.
 * Output that is not redirected to a file is captured through temporary files, so a chatty child
 * can never block on a full pipe. Thread-safe: every call is independent.
 */
public final class ChildRunner {

    /** Captured output kept per stream: room for help texts and JSON reports, not for data. */
    static final int MAX_CAPTURED_BYTES = 1024 * 1024;

    /** How long a killed child gets to disappear before the runner gives up on it. */
    static final long KILL_WAIT_SECONDS = 10;

    private ChildRunner() {
    }

    /** Runs {@code command}; a non-zero exit is returned, not thrown. */
    public static ChildRun run(ChildCommand command) throws IOException, InterruptedException {
        Path stdout = command.stdoutTo() == null ? Files.createTempFile("netlab-child-", ".out") : null;
        Path stderr = Files.createTempFile("netlab-child-", ".err");
        try {
            ProcessBuilder builder = command.processBuilder().redirectError(stderr.toFile());
            if (stdout != null) {
                builder.redirectOutput(stdout.toFile());
            }
            long started = System.nanoTime();
            Process process = start(builder, command);
            boolean exited;
            try {
                exited = process.waitFor(command.timeout().toMillis(), TimeUnit.MILLISECONDS);
            } finally {
                // Interrupted or timed out: never leave the child (or its children) behind.
                if (process.isAlive()) {
                    kill(process);
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            if (!exited) {
                throw new ChildFailedException("`" + command.display() + "` did not finish within "
                        + describe(command.timeout()) + " and was killed");
            }
            return new ChildRun(command, process.exitValue(),
                    stdout == null ? "" : readCapped(stdout), readCapped(stderr), seconds);
        } finally {
            if (stdout != null) {
                Files.deleteIfExists(stdout);
            }
            Files.deleteIfExists(stderr);
        }
    }

    /** Runs {@code command} and insists on exit code 0. */
    public static ChildRun runOk(ChildCommand command) throws IOException, InterruptedException {
        ChildRun run = run(command);
        if (!run.succeeded()) {
            throw ChildFailedException.exited(run);
        }
        return run;
    }

    static Process start(ProcessBuilder builder, ChildCommand command) throws ChildFailedException {
        try {
            return builder.start();
        } catch (IOException e) {
            throw new ChildFailedException("could not start `" + command.display() + "`: " + e.getMessage());
        }
    }

    /** Kills the process tree: descendants first, so none is re-parented and left running. */
    static void kill(Process process) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(KILL_WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** {@code 250 ms}, {@code 10 s}: how a timeout reads in a message. */
    static String describe(java.time.Duration duration) {
        long millis = duration.toMillis();
        return millis < 1000 || millis % 1000 != 0 ? millis + " ms" : millis / 1000 + " s";
    }

    static String readCapped(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(MAX_CAPTURED_BYTES), StandardCharsets.UTF_8);
        }
    }
}
