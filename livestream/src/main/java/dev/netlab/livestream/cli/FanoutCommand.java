package dev.netlab.livestream.cli;

import dev.netlab.common.cli.ExitCodes;
import dev.netlab.common.cli.ReportOptions;
import dev.netlab.common.cli.VerboseOption;
import dev.netlab.common.cli.VersionProvider;
import dev.netlab.common.report.RunReport;
import dev.netlab.livestream.fec.FecScheme;
import dev.netlab.livestream.fec.FecSchemeConverter;
import dev.netlab.livestream.media.FrameSequence;
import dev.netlab.livestream.media.PcmAudio;
import dev.netlab.livestream.receiver.PlayConfig;
import dev.netlab.livestream.receiver.PlayResult;
import dev.netlab.livestream.receiver.ReceiverSession;
import dev.netlab.livestream.sender.BroadcastServer;
import dev.netlab.livestream.sender.SenderStats;
import dev.netlab.livestream.sender.ServerConfig;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code livestream fanout}: one server and N receivers in this process on loopback, no
 * impairment; reports each receiver's share of packets played and the server's pacing.
 */
@Command(name = "fanout", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Fan-out benchmark: one server and N subscribers in this process on loopback.",
                "Streams the sample audio and frames without impairment; prints how much of the stream",
                "each subscriber played on time and how well the server kept its schedule."})
public final class FanoutCommand implements Callable<Integer> {

    /** The target: each subscriber receives at least 99.9 % of its packets. */
    static final double TARGET_PERCENT = 99.9;
    /** How long past the media's duration to wait for the last receiver (a busy machine is slow). */
    static final long WAIT_MARGIN_SECONDS = 120;
    /** The lowest priority Linux has. */
    static final int MAX_NICE = 19;
    /** How long the receivers' threads may take to start before their priority is left alone. */
    static final long RECEIVERS_START_SECONDS = 10;

    @Option(names = "--subscribers", defaultValue = "64", description = "Default: ${DEFAULT-VALUE}.")
    int subscribers;

    @Option(names = "--media", defaultValue = "samples/media", paramLabel = "DIR", description = "Default: ${DEFAULT-VALUE}.")
    Path media;

    @Option(names = "--fec", defaultValue = ServeCommand.DEFAULT_FEC, converter = FecSchemeConverter.class, paramLabel = "SCHEME",
            description = "Default: ${DEFAULT-VALUE}.")
    FecScheme fec;

    @Option(names = "--latency", defaultValue = "100ms", paramLabel = "D", description = "Default: ${DEFAULT-VALUE}.")
    Duration latency;

    @Option(names = "--receiver-nice", defaultValue = "10", paramLabel = "N",
            description = "Lower the receivers' threads to this nice value (Linux; 0 leaves them alone). They stand in"
                    + " for other machines: at the same priority 64 of them outnumber the server's one broadcast thread"
                    + " for the 2 cores and starve it. Default: ${DEFAULT-VALUE}.")
    int receiverNice;

    @Option(names = "--warmup", defaultValue = "3", paramLabel = "SECONDS",
            description = "First stream this much of the audio, unmeasured, so the JIT has compiled the hot paths"
                    + " (a cold JVM spends its first seconds compiling). Default: ${DEFAULT-VALUE}.")
    double warmupSeconds;

    @Mixin
    ReportOptions report;

    @Mixin
    VerboseOption verbose;

    @Spec
    CommandSpec spec;

    record Outcome(int subscribers, int atTarget, double minPlayedPercent, double medianPlayedPercent,
                   double minFramesCompletePercent, long totalConcealed, long totalRecoveredByRetransmit,
                   double worstLatencyP99Ms, double worstLatencyMaxMs, int receiverNice, SenderStats.Snapshot server) {
    }

    /** The nice value the receivers got (0 if lowering failed), and why it failed if it did. */
    private int appliedNice;
    private String niceProblem;

    @Override
    public Integer call() throws Exception {
        QuietLogs.unlessVerbose(verbose);
        if (receiverNice < 0 || receiverNice > MAX_NICE) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--receiver-nice " + receiverNice + " not in 0.." + MAX_NICE);
        }
        PcmAudio audio = MediaLoader.audio(media.resolve("sample.wav"), "--media");
        FrameSequence video = MediaLoader.frames(media.resolve("frames"));
        if (warmupSeconds > 0) {
            int frames = (int) Math.min(audio.frameCount(), warmupSeconds * audio.format().sampleRate());
            stream(new PcmAudio(audio.format(), audio.slice(0, frames)), video);
        }
        Instant started = Instant.now();
        Streamed run = stream(audio, video);
        SenderStats.Snapshot serverStats = run.server();
        Outcome outcome = summarise(run.results(), appliedNice, serverStats);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter summary = report.jsonOnStdout() ? spec.commandLine().getErr() : out;
        if (niceProblem != null) {
            spec.commandLine().getErr().println("receivers kept their priority: " + niceProblem);
        }
        summary.println(String.format(Locale.ROOT, "%d subscribers: %d played at least %.1f%% of their audio packets on time;"
                        + " worst %.3f%%, median %.3f%%; worst frames complete %.2f%%; %d retransmissions, %d concealed in all;"
                        + " latency worst p99 %.1f ms, max %.1f ms; receivers at nice %d",
                outcome.subscribers(), outcome.atTarget(), TARGET_PERCENT, outcome.minPlayedPercent(),
                outcome.medianPlayedPercent(), outcome.minFramesCompletePercent(), outcome.totalRecoveredByRetransmit(),
                outcome.totalConcealed(), outcome.worstLatencyP99Ms(), outcome.worstLatencyMaxMs(), outcome.receiverNice()));
        summary.println(ServeCommand.describe(serverStats));
        summary.flush();
        if (report.wanted()) {
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("subscribers", subscribers);
            params.put("fec", fec.spec());
            params.put("latencyMs", latency.toMillis());
            params.put("receiverNice", appliedNice);
            report.emit(RunReport.of("livestream", "fanout", started, params, outcome, List.of()), out);
        }
        return ExitCodes.OK;
    }

    private record Streamed(List<PlayResult> results, SenderStats.Snapshot server) {
    }

    /** One broadcast of {@code audio} to every subscriber; returns each receiver's result. */
    private Streamed stream(PcmAudio audio, FrameSequence frames) throws Exception {
        List<PlayResult> results = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(subscribers);
        try (BroadcastServer server = BroadcastServer.start(new ServerConfig(new InetSocketAddress("127.0.0.1", 0), audio,
                frames, 25, fec, false, subscribers, ServerConfig.DEFAULT_SUBSCRIBER_TIMEOUT))) {
            List<ReceiverSession> sessions = new ArrayList<>();
            for (int i = 0; i < subscribers; i++) {
                sessions.add(new ReceiverSession(new PlayConfig(server.localAddress(), latency, null, null, null, true)));
            }
            List<Future<PlayResult>> running = new ArrayList<>();
            List<Long> threadIds = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch started = new CountDownLatch(subscribers);
            for (ReceiverSession session : sessions) {
                running.add(pool.submit(() -> {
                    ThreadNiceness.currentThreadId().ifPresent(threadIds::add);
                    started.countDown();
                    try (session) {
                        return session.run();
                    }
                }));
            }
            lowerReceiverPriority(started, threadIds);
            for (Future<PlayResult> f : running) {
                results.add(f.get((long) audio.durationSeconds() + WAIT_MARGIN_SECONDS, TimeUnit.SECONDS));
            }
            return new Streamed(results, server.stats());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Renices the receivers' threads once they have all started (they subscribe meanwhile). */
    private void lowerReceiverPriority(CountDownLatch started, List<Long> threadIds) throws InterruptedException {
        if (receiverNice == 0) {
            return;
        }
        if (!started.await(RECEIVERS_START_SECONDS, TimeUnit.SECONDS)) {
            niceProblem = "the receivers did not all start within " + RECEIVERS_START_SECONDS + " s";
            return;
        }
        synchronized (threadIds) {
            niceProblem = ThreadNiceness.renice(receiverNice, List.copyOf(threadIds));
        }
        appliedNice = niceProblem == null ? receiverNice : 0;
    }

    private static Outcome summarise(List<PlayResult> results, int receiverNice, SenderStats.Snapshot server) {
        List<Double> played = results.stream().map(PlayResult::playedOnTimePercent).sorted().toList();
        double minFrames = results.stream().mapToDouble(r -> {
            long all = r.frames().complete() + r.frames().frozen();
            return all == 0 ? 100 : 100.0 * r.frames().complete() / all;
        }).min().orElse(0);
        int atTarget = (int) results.stream().filter(r -> r.ok() && r.playedOnTimePercent() >= TARGET_PERCENT).count();
        return new Outcome(results.size(), atTarget, played.isEmpty() ? 0 : played.get(0),
                played.isEmpty() ? 0 : played.get(played.size() / 2), minFrames,
                results.stream().mapToLong(PlayResult::concealed).sum(),
                results.stream().mapToLong(PlayResult::recoveredByRetransmit).sum(),
                results.stream().mapToDouble(r -> r.latencyMs().p99()).max().orElse(0),
                results.stream().mapToDouble(r -> r.latencyMs().max()).max().orElse(0), receiverNice, server);
    }

}
