package dev.netlab.lab.run;

/**
 * The {@code result} of one file run in the lab's run report. {@code bytesMissing}: the source's
 * length minus what arrived; {@code bytesWrong}: positions where the received file differs from
 * the source; {@code identical}: equal SHA-256 digests; {@code outOfOrder}: datagrams that came
 * after a later one and {@code receiveBufferDrops}: datagrams dropped by the receiving socket's
 * full buffer rather than by the link (udp only, -1 elsewhere: a TCP reader never sees order,
 * and TCP's flow control keeps its buffer from overflowing); {@code seconds}: the
 * transfer's time as the sending side measured it, or the time limit when it was stopped
 * unfinished ({@code finished} false).
 */
public record FileResult(long bytes, long bytesMissing, long bytesWrong, boolean identical, long outOfOrder,
                         long receiveBufferDrops, double seconds, boolean finished) {
}
