package dev.netlab.livestream.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * Lowers the OS scheduling priority of chosen threads of this process. On Linux every thread
 * has its own nice value; a thread learns its id from {@code /proc/thread-self}, and the
 * {@code renice} command sets the value (lowering one's own priority needs no privilege).
 * {@code fanout} uses it so that its in-process receivers, which stand in for other machines,
 * do not take CPU from the server they measure. Best effort: without {@code /proc} or
 * {@code renice} it reports why and changes nothing. Thread-safe.
 */
final class ThreadNiceness {

    private static final Path THREAD_SELF = Path.of("/proc/thread-self");
    /** renice answers in milliseconds; a machine too busy to run it in 10 s is not measurable anyway. */
    private static final long RENICE_TIMEOUT_SECONDS = 10;

    private ThreadNiceness() {
    }

    /** The calling thread's OS thread id, if this OS shows it ({@code /proc/thread-self} is {@code PID/task/TID}). */
    static OptionalLong currentThreadId() {
        try {
            Path name = Files.readSymbolicLink(THREAD_SELF).getFileName();
            return name == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(name.toString()));
        } catch (IOException | UnsupportedOperationException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * Sets the nice value of the threads {@code threadIds} to {@code nice}. Returns null when
     * done, else the reason it was not (one line for the user).
     */
    static String renice(int nice, List<Long> threadIds) {
        if (threadIds.isEmpty()) {
            return "this OS does not show thread ids in /proc/thread-self";
        }
        List<String> command = new ArrayList<>(List.of("renice", "-n", Integer.toString(nice), "-p"));
        threadIds.forEach(id -> command.add(Long.toString(id)));
        try {
            Process renice = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!renice.waitFor(RENICE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                renice.destroyForcibly();
                return "renice did not finish within " + RENICE_TIMEOUT_SECONDS + " s";
            }
            return renice.exitValue() == 0 ? null : "renice exited with " + renice.exitValue();
        } catch (IOException e) {
            return "cannot run renice: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while running renice";
        }
    }
}
