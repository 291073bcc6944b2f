package dev.netlab.common.report;

import java.util.Map;

/**
 * One slice of a run, seconds from its start, as iperf3 reports them: what moved or happened in
 * that slice (bytes, packets lost, ...), named by the tool that recorded it.
 */
public record Interval(double start, double end, Map<String, Double> values) {
}
