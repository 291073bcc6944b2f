package dev.netlab.livestream.bench;

import dev.netlab.bench.ToolJar;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What one {@code livestream bench} measures: the clip every run streams, the variants, how many
 * repeats, the playout latency, where reports go, and whether a counting relay measures the
 * bytes the server sends (it adds one loopback hop).
 */
record StreamBenchPlan(ToolJar tool, Path clip, List<StreamVariant> variants, int repeats, Duration latency,
                       Path out, Duration timeout, long seed, boolean countWire) {
}
