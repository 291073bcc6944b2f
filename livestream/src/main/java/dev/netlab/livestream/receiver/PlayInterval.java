package dev.netlab.livestream.receiver;

import java.util.Map;

/** One second of a receiver run: seconds from the start, and that second's counts and gauges. */
public record PlayInterval(double start, double end, Map<String, Double> values) {
}
