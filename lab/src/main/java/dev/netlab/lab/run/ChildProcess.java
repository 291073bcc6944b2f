package dev.netlab.lab.run;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One child process of the lab (a tool or a lab peer inside a namespace): its stdout read line
 * by line on a thread of its own, its stderr kept in a log file for the error message. Closing
 * it ends the process (SIGTERM, so a tool closes cleanly, then SIGKILL) and joins the reader.
 */
final class ChildProcess implements AutoCloseable {

    /** How long a process has after SIGTERM before it is killed. */
    private static final Duration TERMINATE_GRACE = Duration.ofSeconds(3);
    private static final String END = "\u0000end";

    private final String name;
    private final Process process;
    private final Path errorLog;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();
    private final Thread reader;

    private ChildProcess(String name, Process process, Path errorLog) {
        this.name = name;
        this.process = process;
        this.errorLog = errorLog;
        this.reader = new Thread(this::readLines, "lab-child-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    static ChildProcess start(String name, ProcessBuilder command, Path logDir) throws IOException {
        Path log = logDir.resolve(name + ".stderr");
        command.redirectError(log.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        Process process = command.start();
        process.getOutputStream().close();
        return new ChildProcess(name, process, log);
    }

    private void readLines() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException closed) {
            // The process is gone; whatever it printed is in the queue.
        } finally {
            lines.add(END);
        }
    }

    /** The next stdout line starting with {@code prefix}, minus the prefix; fails after {@code timeout}. */
    String awaitLine(String prefix, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new IOException(name + " printed no '" + prefix.trim() + "' in " + timeout.toSeconds() + " s" + errorTail());
            }
            if (line.equals(END)) {
                lines.add(END);
                throw new IOException(name + " ended before printing '" + prefix.trim() + "'" + errorTail());
            }
            seen.add(line);
            if (line.startsWith(prefix)) {
                return line.substring(prefix.length());
            }
        }
    }

    /** Waits for the exit; false if it did not end within {@code timeout} (it still runs then). */
    boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    int exitCode() {
        return process.exitValue();
    }

    /** The last line the process wrote on stderr, as " (LINE)", or "" if it wrote none. */
    String errorTail() {
        try {
            List<String> err = Files.readAllLines(errorLog);
            return err.isEmpty() ? "" : " (" + err.get(err.size() - 1).trim() + ")";
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(TERMINATE_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(TERMINATE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        reader.join(TERMINATE_GRACE.toMillis());
    }
}
