package dev.netlab.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A long-running child process, such as a server under test or a peer's daemon, that the
 * benchmark owns: it reads the child's output on one thread of its own, lets callers wait for a
 * readiness line (netlab's {@code listening on HOST:PORT}, rsyncd's {@code listening on port N}),
 * and on {@link #close()} stops the child and everything it started, then joins the reader.
 * The child's stdout and stderr are read together, unless stdout goes to a file; then stderr alone.
 */
public final class ChildServer implements AutoCloseable {

    /** netlab's readiness line, DESIGN.md: {@code listening on HOST:PORT}. */
    public static final Pattern LISTENING = Pattern.compile("listening on (\\S+):(\\d+)");

    /** Output lines kept for readiness matching and error messages; older lines are dropped. */
    static final int MAX_KEPT_LINES = 200;

    /** How long a child gets after SIGTERM to close cleanly before it is killed. */
    static final long GRACE_MILLIS = 5_000;

    private final ChildCommand command;
    private final Process process;
    private final Thread reader;
    private final Deque<String> lines = new ArrayDeque<>();
    private boolean outputEnded;

    private ChildServer(ChildCommand command, Process process) {
        this.command = command;
        this.process = process;
        InputStream output = command.stdoutTo() == null ? process.getInputStream() : process.getErrorStream();
        this.reader = new Thread(() -> readLines(output), "child-output " + command.argv().get(0));
        this.reader.setDaemon(true);
        this.reader.start();
    }

    public static ChildServer start(ChildCommand command) throws ChildFailedException {
        ProcessBuilder builder = command.processBuilder();
        if (command.stdoutTo() == null) {
            builder.redirectErrorStream(true);
        }
        return new ChildServer(command, ChildRunner.start(builder, command));
    }

    private void readLines(InputStream output) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                synchronized (this) {
                    if (lines.size() == MAX_KEPT_LINES) {
                        lines.removeFirst();
                    }
                    lines.addLast(line);
                    notifyAll();
                }
            }
        } catch (IOException e) {
            // The stream closes under us when close() kills the child: that is the end of output.
        } finally {
            synchronized (this) {
                outputEnded = true;
                notifyAll();
            }
        }
    }

    /**
     * Waits for an output line matching {@code readiness}, seen since start.
     *
     * @throws ChildFailedException if the child ends its output first or the wait times out
     */
    public MatchResult awaitLine(Pattern readiness, Duration timeout) throws ChildFailedException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (true) {
                for (String line : lines) {
                    Matcher matcher = readiness.matcher(line);
                    if (matcher.find()) {
                        return matcher.toMatchResult();
                    }
                }
                long left = deadline - System.nanoTime();
                if (outputEnded || left <= 0) {
                    throw notReady(readiness, timeout);
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
    }

    private ChildFailedException notReady(Pattern readiness, Duration timeout) {
        String why = outputEnded ? "ended its output" : "printed nothing matching within " + ChildRunner.describe(timeout);
        String last = lines.isEmpty() ? "" : ": " + lines.getLast();
        return new ChildFailedException("`" + command.display() + "` " + why
                + " before a line matching '" + readiness.pattern() + "'" + last);
    }

    /** Waits for netlab's {@code listening on HOST:PORT} and returns that address. */
    public InetSocketAddress awaitListening(Duration timeout) throws ChildFailedException, InterruptedException {
        MatchResult match = awaitLine(LISTENING, timeout);
        return InetSocketAddress.createUnresolved(match.group(1), Integer.parseInt(match.group(2)));
    }

    /** Waits for the child to exit on its own; kills it and throws when it does not in time. */
    public int awaitExit(Duration timeout) throws ChildFailedException, InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            ChildRunner.kill(process);
            throw new ChildFailedException("`" + command.display() + "` did not exit within "
                    + ChildRunner.describe(timeout) + " and was killed");
        }
        return process.exitValue();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** The output lines kept so far (the last {@value #MAX_KEPT_LINES}). */
    public synchronized List<String> output() {
        return List.copyOf(lines);
    }

    /** SIGTERM to the child and its descendants, a grace period, then SIGKILL; joins the reader. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            if (!process.waitFor(GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
                ChildRunner.kill(process);
            }
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        reader.join(GRACE_MILLIS);
    }
}
