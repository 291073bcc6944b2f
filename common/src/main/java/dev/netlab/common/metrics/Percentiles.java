package dev.netlab.common.metrics;

/** A summary of recorded latencies in milliseconds; all zero when nothing was recorded. */
public record Percentiles(long count, double p50Ms, double p99Ms, double maxMs, double meanMs) {
}
