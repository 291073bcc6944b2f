package dev.netlab.common.cli;

import java.time.Duration;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A byte-counting progress bar (done, rate, ETA) on stderr, drawn only when the user wants one
 * and stderr is a terminal (DESIGN.md); otherwise every call is a no-op, so callers never branch.
 * Thread-safe: transfer threads may step it concurrently.
 */
public final class ProgressDisplay implements AutoCloseable {

    /** Redraws often enough to look live, rarely enough to cost nothing. */
    private static final Duration REFRESH = Duration.ofMillis(200);

    private final ProgressBar bar;

    private ProgressDisplay(ProgressBar bar) {
        this.bar = bar;
    }

    public static ProgressDisplay open(String task, long totalBytes, boolean wanted) {
        if (!wanted || !Terminal.isStderrTerminal()) {
            return new ProgressDisplay(null);
        }
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(totalBytes)
                .setStyle(ProgressBarStyle.ASCII)
                .setUnit(" MiB", 1024 * 1024)
                .setUpdateIntervalMillis((int) REFRESH.toMillis())
                .showSpeed()
                .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
                .build();
        return new ProgressDisplay(bar);
    }

    public void stepTo(long done) {
        if (bar != null) {
            bar.stepTo(done);
        }
    }

    public void stepBy(long bytes) {
        if (bar != null) {
            bar.stepBy(bytes);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
