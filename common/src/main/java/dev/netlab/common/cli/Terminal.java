package dev.netlab.common.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Answers whether standard error is a terminal, which decides whether progress bars and live
 * status lines are drawn (DESIGN.md). Java 17 can only say whether a console exists at all, so on
 * Linux the answer comes from where file descriptor 2 points.
 */
public final class Terminal {

    private static final Path STDERR = Path.of("/proc/self/fd/2");

    private Terminal() {
    }

    public static boolean isStderrTerminal() {
        if (Files.exists(STDERR)) {
            try {
                String target = Files.readSymbolicLink(STDERR).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
        }
        return System.console() != null;
    }
}
