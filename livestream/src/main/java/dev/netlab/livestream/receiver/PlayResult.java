package dev.netlab.livestream.receiver;

/**
 * The outcome of one receiver run, as the report's {@code result} (DESIGN.md). Packet counts
 * are of the audio stream: {@code expected} = packets played = received + recoveredByFec +
 * recoveredByRetransmit + concealed, and {@code lost} = expected - received (lost in the
 * network, before recovery). {@code late} and {@code duplicate} count copies that arrived after
 * their playout time or after another copy. {@code malformed} counts datagrams dropped as
 * malformed, foreign or inconsistent with the session. {@code exitCode} is the one DESIGN.md
 * gives the outcome (0 played to the end or --duration, 3 no server or gone, 1 refused; see
 * {@link SessionEnd}). {@code snrDb} is null until a command measures the written audio against
 * its source ({@link #withSnr}).
 */
public record PlayResult(boolean ok, int exitCode, String outcome, long expected, long received, long lost, long recoveredByFec,
                         long recoveredByRetransmit, long concealed, long late, long duplicate, long malformed,
                         double jitterMs, Latency latencyMs, Frames frames, double playedOnTimePercent,
                         double residualLossPercent, long nacksSent, double playoutDelayMs, Double snrDb,
                         long outputAudioFrames, String fec) {

    /** This result with the SNR of its written audio against the source, which the command measures. */
    public PlayResult withSnr(Double snr) {
        return new PlayResult(ok, exitCode, outcome, expected, received, lost, recoveredByFec, recoveredByRetransmit,
                concealed, late, duplicate, malformed, jitterMs, latencyMs, frames, playedOnTimePercent,
                residualLossPercent, nacksSent, playoutDelayMs, snr, outputAudioFrames, fec);
    }

    /** End-to-end latency (estimated send time to playout) of the audio packets played. */
    public record Latency(double p50, double p99, double max) {
    }

    public record Frames(long complete, long frozen, long late, long duplicate) {
    }
}
