package dev.netlab.common.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.netlab.common.report.Interval;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsTest {

    @Test
    void latencyPercentilesComeFromTheRecordedValues() {
        LatencyRecorder recorder = new LatencyRecorder();
        for (int ms = 1; ms <= 100; ms++) {
            recorder.recordMillis(ms);
        }

        Percentiles p = recorder.snapshot();

        assertThat(p.count()).isEqualTo(100);
        assertThat(p.p50Ms()).isCloseTo(50, within(0.1));
        assertThat(p.p99Ms()).isCloseTo(99, within(0.1));
        assertThat(p.maxMs()).isCloseTo(100, within(0.1));
        assertThat(p.meanMs()).isCloseTo(50.5, within(0.1));
    }

    @Test
    void snapshotsAccumulateAndAnEmptyRecorderIsAllZero() {
        LatencyRecorder recorder = new LatencyRecorder();
        assertThat(recorder.snapshot()).isEqualTo(new Percentiles(0, 0, 0, 0, 0));

        recorder.recordNanos(2_000_000);
        recorder.snapshot();
        recorder.recordNanos(4_000_000);

        assertThat(recorder.snapshot().count()).isEqualTo(2);
    }

    @Test
    void aStallLongerThanTheRangeIsClampedNotLost() {
        LatencyRecorder recorder = new LatencyRecorder();
        recorder.recordMillis(10 * 3_600_000.0);

        assertThat(recorder.snapshot().maxMs()).isCloseTo(3_600_000, within(3_600_000 * 0.001));
    }

    @Test
    void countersSumEveryIncrement() throws InterruptedException {
        Counter counter = new Counter();
        Thread[] threads = new Thread[4];
        for (int i = 0; i < threads.length; i++) {
            threads[i] = new Thread(() -> {
                for (int n = 0; n < 10_000; n++) {
                    counter.increment();
                }
            });
            threads[i].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        counter.add(5);

        assertThat(counter.get()).isEqualTo(40_005);
    }

    @Test
    void formatsSizesAndRatesAsPeopleReadThem() {
        assertThat(Units.formatBytes(512)).isEqualTo("512 B");
        assertThat(Units.formatBytes(1536)).isEqualTo("1.50 KiB");
        assertThat(Units.formatBytes(1L << 30)).isEqualTo("1.00 GiB");
        assertThat(Units.formatRate(1024 * 1024 * 100)).isEqualTo("100.0 MiB/s (838.9 Mbit/s)");
        assertThat(Units.formatRate(1e9)).isEqualTo("953.7 MiB/s (8.00 Gbit/s)");
        assertThat(Units.formatSeconds(0.25)).isEqualTo("250 ms");
        assertThat(Units.formatSeconds(3.5)).isEqualTo("3.50 s");
    }

    @Test
    void closingTheSamplerKeepsTheLastPartialIntervalAndStopsItsThread() {
        IntervalSampler sampler = new IntervalSampler(() -> Map.of("bytes", 42.0)).start();

        sampler.close();
        List<Interval> intervals = sampler.intervals();

        assertThat(intervals).hasSize(1);
        assertThat(intervals.get(0).values()).containsEntry("bytes", 42.0);
        assertThat(intervals.get(0).start()).isZero();
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(t -> t.getName().equals("interval-sampler") && t.isAlive());
    }
}
