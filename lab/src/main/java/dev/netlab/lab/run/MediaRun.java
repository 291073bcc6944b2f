package dev.netlab.lab.run;

import dev.netlab.lab.media.PacketArrivals;
import dev.netlab.lab.media.PlayoutTimeline;

/**
 * One media run: its result for the report, the slot-by-slot timeline for the page, and for
 * tcp the packets' arrival times (null for livestream, which keeps those to itself).
 */
public record MediaRun(String transport, double lossPercent, MediaResult result, PlayoutTimeline timeline,
                       PacketArrivals arrivals) {
}
