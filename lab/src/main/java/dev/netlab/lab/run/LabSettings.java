package dev.netlab.lab.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything that shapes a lab run. {@code audio} is the WAV streamed (cut to
 * {@code audioDuration} when that is shorter), {@code fileSize} the size of the random file
 * sent, {@code fileTimeLimit} how long one file transfer may take before it is stopped and
 * scored on what arrived, {@code out} where the reports, the page and the work files go.
 */
public record LabSettings(List<Double> lossPercents, Path audio, Duration audioDuration, long fileSize,
                          Duration fileTimeLimit, Path out) {

    /** Loss rates run by default: none, light, heavy for a LAN, very heavy, extreme. */
    public static final List<Double> DEFAULT_LOSS_PERCENTS = List.of(0.0, 1.0, 5.0, 10.0, 20.0);
    /** The file of the file experiment: big enough for TCP's recovery to dominate its time. */
    public static final long DEFAULT_FILE_SIZE = 20L * 1024 * 1024;
    /** livestream play's default latency (PlayConfig.DEFAULT_LATENCY), the budget both media runs get. */
    public static final Duration LATENCY_BUDGET = dev.netlab.livestream.receiver.PlayConfig.DEFAULT_LATENCY;
}
