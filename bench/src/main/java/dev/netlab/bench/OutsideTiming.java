package dev.netlab.bench;

/**
 * A whole command timed from outside (process start to exit, JVM or ssh start-up included), the
 * way peers.sh and a waiting user measure, and the rate that gives for the bytes moved.
 */
public record OutsideTiming(double seconds, double bytesPerSecond) {

    public static OutsideTiming of(long bytes, double seconds) {
        return new OutsideTiming(seconds, seconds > 0 ? bytes / seconds : 0);
    }
}
