package dev.netlab.common.metrics;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Records latencies into an HdrHistogram, from any number of threads without locking, and
 * summarises them as {@link Percentiles}. Values are kept in microseconds with three significant
 * digits, from 1 µs to {@link #HIGHEST_TRACKABLE_MICROS}; longer ones are clamped to it rather
 * than dropped, so a stall still shows as the maximum.
 */
public final class LatencyRecorder {

    /** One hour: no netlab latency worth measuring is longer. */
    public static final long HIGHEST_TRACKABLE_MICROS = TimeUnit.HOURS.toMicros(1);
    private static final int SIGNIFICANT_DIGITS = 3;

    private final Recorder recorder = new Recorder(HIGHEST_TRACKABLE_MICROS, SIGNIFICANT_DIGITS);
    private final Histogram total = new Histogram(HIGHEST_TRACKABLE_MICROS, SIGNIFICANT_DIGITS);

    public void recordNanos(long nanos) {
        recordMicros(Math.max(0, nanos) / 1_000);
    }

    public void recordMillis(double millis) {
        recordMicros(Math.round(Math.max(0, millis) * 1_000));
    }

    private void recordMicros(long micros) {
        recorder.recordValue(Math.min(micros, HIGHEST_TRACKABLE_MICROS));
    }

    /** Everything recorded so far. */
    public synchronized Percentiles snapshot() {
        total.add(recorder.getIntervalHistogram());
        if (total.getTotalCount() == 0) {
            return new Percentiles(0, 0, 0, 0, 0);
        }
        return new Percentiles(
                total.getTotalCount(),
                total.getValueAtPercentile(50) / 1_000.0,
                total.getValueAtPercentile(99) / 1_000.0,
                total.getMaxValue() / 1_000.0,
                total.getMean() / 1_000.0);
    }
}
