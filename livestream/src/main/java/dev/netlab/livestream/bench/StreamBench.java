package dev.netlab.livestream.bench;

import dev.netlab.bench.ChildCommand;
import dev.netlab.bench.ChildRun;
import dev.netlab.bench.ChildRunner;
import dev.netlab.bench.ChildServer;
import dev.netlab.common.report.RunReport;
import dev.netlab.common.report.RunReportJson;
import dev.netlab.livestream.media.PcmAudio;
import dev.netlab.livestream.media.SignalToNoise;
import dev.netlab.livestream.media.WavReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs a {@link StreamBenchPlan}: for every repeat and variant, a fresh {@code serve} of the clip
 * with the variant's FEC scheme, a {@link UdpCountingRelay} in front of it counting what the server
 * sends (unless told not to), an {@code impair} relay in front of that applying the loss, and a {@code play} through
 * all of it with {@code --reference}, then a report per run in the output folder.
 */
final class StreamBench {

    /** A JVM start on a machine busy with other builds. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final StreamBenchPlan plan;
    private final PrintWriter out;
    private final PcmAudio clip;
    private final List<RunReport> reports = new ArrayList<>();
    private int failedRuns;

    StreamBench(StreamBenchPlan plan, PrintWriter out) throws IOException {
        this.plan = plan;
        this.out = out;
        this.clip = WavReader.read(plan.clip());
    }

    List<RunReport> reports() {
        return List.copyOf(reports);
    }

    int failedRuns() {
        return failedRuns;
    }

    void run() throws IOException, InterruptedException {
        Files.createDirectories(plan.out().resolve("raw"));
        out.printf(Locale.ROOT, "%d runs of a %.1f s clip; numbers from a shared machine are noisy%n",
                plan.variants().size() * plan.repeats(), clip.durationSeconds());
        out.flush();
        for (int round = 1; round <= plan.repeats(); round++) {
            for (StreamVariant variant : plan.variants()) {
                RunReport report = runOnce(variant, round);
                reports.add(report);
                String name = String.format(Locale.ROOT, "%03d-livestream-%s-r%d.json", reports.size(), variant.slug(), round);
                RunReportJson.write(report, plan.out().resolve(name));
                printLine(variant, round, report);
            }
        }
    }

    private RunReport runOnce(StreamVariant variant, int round) throws IOException, InterruptedException {
        String name = String.format(Locale.ROOT, "%03d-%s-r%d", reports.size() + 1, variant.slug(), round);
        Path raw = plan.out().resolve("raw").resolve(name + ".json");
        Path played = plan.out().resolve("raw").resolve(name + ".wav");
        ChildCommand serve = plan.tool().command("serve", "--audio", plan.clip().toString(), "--port", "0",
                "--bind", "127.0.0.1", "--fec", variant.fec());
        try (ChildServer server = ChildServer.start(serve)) {
            InetSocketAddress serverAddress = server.awaitListening(START_TIMEOUT);
            UdpCountingRelay counter = plan.countWire()
                    ? UdpCountingRelay.start(new InetSocketAddress("127.0.0.1", serverAddress.getPort())) : null;
            try {
                int impairTarget = counter == null ? serverAddress.getPort() : counter.localAddress().getPort();
                return throughImpair(variant, round, impairTarget, counter, raw, played);
            } finally {
                if (counter != null) {
                    counter.close();
                }
            }
        }
    }

    private RunReport throughImpair(StreamVariant variant, int round, int target, UdpCountingRelay counter, Path raw,
                                    Path played) throws IOException, InterruptedException {
        ChildCommand impairCommand = plan.tool().command("impair", "--listen", "0", "--to", "127.0.0.1:" + target)
                .plus(variant.impairOptions(plan.seed() + round).toArray(String[]::new));
        try (ChildServer impair = ChildServer.start(impairCommand)) {
            InetSocketAddress relay = impair.awaitListening(START_TIMEOUT);
            Instant started = Instant.now();
            ChildRun play = ChildRunner.run(playCommand(variant, relay, raw, played));
            RunReport toolReport = Files.isRegularFile(raw) ? RunReportJson.read(raw) : null;
            RunReport report = StreamRunReport.of(variant, started, play, toolReport,
                    counter == null ? null : counter.toClients(), clip.bytes().length, snrOf(played));
            Files.deleteIfExists(played);
            return report;
        }
    }

    private ChildCommand playCommand(StreamVariant variant, InetSocketAddress relay, Path raw, Path played) {
        ChildCommand play = plan.tool().command("play", "127.0.0.1:" + relay.getPort(),
                "--latency", plan.latency().toMillis() + "ms", "--out-audio", played.toString(),
                "--reference", plan.clip().toString(), "--report", raw.toString(), "--no-progress");
        if (!variant.retransmit()) {
            play = play.plus(BenchCommand.NO_RETRANSMIT);
        }
        return play.withTimeout(plan.timeout());
    }

    /** The benchmark's own SNR, for players that do not report one; null without an output. */
    private Double snrOf(Path played) throws IOException {
        if (!Files.isRegularFile(played)) {
            return null;
        }
        return SignalToNoise.decibels(clip, WavReader.read(played));
    }

    private void printLine(StreamVariant variant, int round, RunReport report) {
        var result = report.result();
        boolean ok = result.path("ok").asBoolean(false);
        if (!ok) {
            failedRuns++;
        }
        out.printf(Locale.ROOT, "  loss %-5s burst %-3s fec %-11s rtx %-3s round %d: residual %s, SNR %s, overhead %s%s%n",
                variant.lossLabel(), variant.params().get("burst"), variant.fec(), variant.retransmit() ? "on" : "off",
                round, percent(result.path("residualLoss")), snr(result),
                result.path("overhead").isNumber() ? String.format(Locale.ROOT, "%.3f", result.path("overhead").asDouble()) : "-",
                ok ? "" : "  FAILED: " + result.path("error").asText(""));
        out.flush();
    }

    private static String percent(com.fasterxml.jackson.databind.JsonNode fraction) {
        return fraction.isNumber() ? String.format(Locale.ROOT, "%.2f%%", fraction.asDouble() * 100) : "-";
    }

    private static String snr(com.fasterxml.jackson.databind.JsonNode result) {
        if (result.path("identicalToSource").asBoolean(false)) {
            return "exact";
        }
        return result.path("snrDb").isNumber() ? String.format(Locale.ROOT, "%.1f dB", result.path("snrDb").asDouble()) : "-";
    }
}
