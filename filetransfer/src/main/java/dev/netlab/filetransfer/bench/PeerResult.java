package dev.netlab.filetransfer.bench;

import dev.netlab.bench.OutsideTiming;

/**
 * The {@code result} of a peer's run report, in the field names of filetransfer's results so
 * that {@code compare} lines them up: {@code seconds} and {@code bytesPerSecond} are the peer's
 * own measurement where it has one (iperf3) and the outside timing otherwise.
 */
public record PeerResult(boolean ok, long files, long bytes, double seconds, double bytesPerSecond,
                         OutsideTiming outside, String commandLine) {
}
