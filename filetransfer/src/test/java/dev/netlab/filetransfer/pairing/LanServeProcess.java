package dev.netlab.filetransfer.pairing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A child process whose stdout lines can be awaited and whose stderr is kept, for the serve
 * {@code --lan} tests. {@link #close()} stops it (SIGTERM, then SIGKILL).
 */
final class LanServeProcess implements AutoCloseable {

    private final Process process;
    private final BlockingQueue<String> pending = new LinkedBlockingQueue<>();
    private final List<String> out = new ArrayList<>();
    private final List<String> err = new ArrayList<>();
    private final Thread outReader;
    private final Thread errReader;

    LanServeProcess(ProcessBuilder builder) throws IOException {
        this.process = builder.start();
        this.outReader = reader(process.getInputStream(), line -> {
            synchronized (out) {
                out.add(line);
            }
            pending.add(line);
        });
        this.errReader = reader(process.getErrorStream(), line -> {
            synchronized (err) {
                err.add(line);
            }
        });
    }

    private static Thread reader(InputStream stream, java.util.function.Consumer<String> sink) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    sink.accept(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "lan-serve-reader");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** The next stdout line starting with {@code prefix}, skipping others; fails after {@code seconds}. */
    String awaitLine(String prefix, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            String line = pending.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("no line starting '" + prefix + "' within " + seconds + " s; stdout " + out()
                        + " stderr " + err());
            }
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    List<String> out() {
        synchronized (out) {
            return List.copyOf(out);
        }
    }

    List<String> err() {
        synchronized (err) {
            return List.copyOf(err);
        }
    }

    /** Stops the process and waits for its output to be read to the end. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        outReader.join(5_000);
        errReader.join(5_000);
    }
}
