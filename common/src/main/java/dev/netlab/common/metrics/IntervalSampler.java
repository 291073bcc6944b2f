package dev.netlab.common.metrics;

import dev.netlab.common.report.Interval;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Takes one sample a second, as iperf3 prints its intervals, and keeps them for the run report.
 * The supplier is called on the sampler's own thread; it returns whatever the interval should
 * show (deltas it computes itself, or gauges). {@link #close()} stops the thread and takes a
 * last, shorter interval so the tail of the run is not lost.
 */
public final class IntervalSampler implements AutoCloseable {

    public static final long PERIOD_MILLIS = 1_000;

    private final Supplier<Map<String, Double>> sample;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "interval-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Interval> intervals = new ArrayList<>();
    private long startNanos;
    private long lastNanos;
    private boolean closed;

    public IntervalSampler(Supplier<Map<String, Double>> sample) {
        this.sample = sample;
    }

    public synchronized IntervalSampler start() {
        startNanos = System.nanoTime();
        lastNanos = startNanos;
        timer.scheduleAtFixedRate(this::take, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        return this;
    }

    private synchronized void take() {
        if (closed) {
            return;
        }
        long now = System.nanoTime();
        intervals.add(new Interval(seconds(lastNanos), seconds(now), Map.copyOf(sample.get())));
        lastNanos = now;
    }

    private double seconds(long nanos) {
        return Math.round((nanos - startNanos) / 1e6) / 1e3;
    }

    public synchronized List<Interval> intervals() {
        return List.copyOf(intervals);
    }

    @Override
    public void close() {
        timer.shutdown();
        try {
            if (!timer.awaitTermination(PERIOD_MILLIS, TimeUnit.MILLISECONDS)) {
                timer.shutdownNow();
            }
        } catch (InterruptedException e) {
            timer.shutdownNow();
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (!closed && startNanos != 0) {
                take();
            }
            closed = true;
        }
    }
}
