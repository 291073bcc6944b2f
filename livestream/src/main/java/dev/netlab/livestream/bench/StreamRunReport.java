package dev.netlab.livestream.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.netlab.bench.ChildRun;
import dev.netlab.common.report.Interval;
import dev.netlab.common.report.RunReport;
import dev.netlab.common.report.RunReportJson;
import java.time.Instant;
import java.util.List;

/**
 * The benchmark's report of one {@code livestream play} through {@code impair}: the player's own
 * result plus what the benchmark measured around it: {@code residualLoss} as a fraction (what
 * {@code compare}'s loss chart reads), {@code snrDb} where the player did not give it,
 * {@code wireBytes} (UDP payload plus 28 bytes of IPv4 and UDP header per datagram, everything
 * the server sent: media, repairs, retransmissions, control), {@code mediaBytes} (the PCM of the
 * clip) and {@code overhead}, their ratio; and {@code outside}, the play command timed from
 * outside.
 */
final class StreamRunReport {

    /** IPv4 (20) and UDP (8) headers, which every datagram carries on the wire. */
    static final int IP_UDP_HEADER_BYTES = 28;

    private StreamRunReport() {
    }

    /**
     * @param toolReport what play wrote, or null when it wrote nothing
     * @param fromServer what the server sent, or null when it was not counted
     * @param snrDb      the benchmark's own SNR of the output against the clip, or null
     */
    static RunReport of(StreamVariant variant, Instant started, ChildRun play, RunReport toolReport,
                        UdpCountingRelay.Counts fromServer, long mediaBytes, Double snrDb) {
        ObjectNode result = toolReport != null && toolReport.result() != null && toolReport.result().isObject()
                ? ((ObjectNode) toolReport.result()).deepCopy() : RunReportJson.mapper().createObjectNode();
        if (!play.succeeded()) {
            result.put("ok", false);
            result.put("exitCode", play.exitCode());
            result.put("error", play.lastErrorLine());
        }
        Double residual = residualLoss(result);
        if (residual != null) {
            result.put("residualLoss", residual);
        }
        if (!result.path("snrDb").isNumber() && snrDb != null && !snrDb.isNaN()) {
            putSnr(result, snrDb);
        } else if (result.path("snrDb").isTextual()) {
            // Jackson writes an infinite SNR (a bit-exact output) as text; keep the number out of the charts.
            result.remove("snrDb");
            result.put("identicalToSource", true);
        }
        result.put("mediaBytes", mediaBytes);
        if (fromServer != null) {
            long wireBytes = fromServer.bytes() + (long) IP_UDP_HEADER_BYTES * fromServer.datagrams();
            result.put("datagramsFromServer", fromServer.datagrams());
            result.put("wireBytes", wireBytes);
            result.put("overhead", mediaBytes > 0 ? (double) wireBytes / mediaBytes : 0);
        }
        ObjectNode outside = result.putObject("outside");
        outside.put("seconds", play.seconds());
        List<Interval> intervals = toolReport == null || toolReport.intervals() == null ? List.of() : toolReport.intervals();
        return RunReport.of("livestream", "play", started, variant.params(), result, intervals);
    }

    private static void putSnr(ObjectNode result, double snrDb) {
        if (Double.isInfinite(snrDb)) {
            result.put("identicalToSource", true);
        } else {
            result.put("snrDb", snrDb);
        }
    }

    /** The fraction of packets played as concealment: the player's percentage, else concealed / expected. */
    static Double residualLoss(ObjectNode result) {
        if (result.path("residualLossPercent").isNumber()) {
            return result.path("residualLossPercent").asDouble() / 100;
        }
        long expected = result.path("expected").asLong();
        return expected > 0 && result.has("concealed") ? (double) result.path("concealed").asLong() / expected : null;
    }
}
