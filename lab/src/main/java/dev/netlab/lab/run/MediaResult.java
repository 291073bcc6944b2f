package dev.netlab.lab.run;

/**
 * The {@code result} of one media run in the lab's run report. {@code onTimePercent}: packets
 * played with their own audio at their deadline; {@code longestStallMs}: the longest stretch of
 * concealed audio (no new sound); {@code latencyMs}: for tcp, send to arrival of every packet
 * that arrived (late ones included), for livestream, send to playout as its own report gives
 * it (what would be later is concealed instead); {@code snrDb}: the played audio against the
 * source (Infinity when identical); {@code neverArrived}: packets still missing when the
 * receiver stopped (tcp only: livestream does not wait for them).
 */
public record MediaResult(long packets, double onTimePercent, double longestStallMs, Latency latencyMs,
                          String latencyMeasured, double snrDb, long neverArrived) {

    public record Latency(double p50, double p99, double max) {
    }
}
