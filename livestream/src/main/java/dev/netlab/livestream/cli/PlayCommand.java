package dev.netlab.livestream.cli;

import dev.netlab.common.cli.CommandFailedException;
import dev.netlab.common.cli.ExitCodes;
import dev.netlab.common.cli.HostPortConverter;
import dev.netlab.common.cli.ReportOptions;
import dev.netlab.common.cli.Terminal;
import dev.netlab.common.cli.VerboseOption;
import dev.netlab.common.cli.VersionProvider;
import dev.netlab.common.report.RunReport;
import dev.netlab.livestream.forward.PlayerForward;
import dev.netlab.livestream.media.PcmAudio;
import dev.netlab.livestream.media.SignalToNoise;
import dev.netlab.livestream.media.WavReader;
import dev.netlab.livestream.rtp.RtpFormat;
import dev.netlab.livestream.receiver.PlayConfig;
import dev.netlab.livestream.receiver.PlayResult;
import dev.netlab.livestream.receiver.ReceiverSession;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code livestream play}: subscribes to a server, plays through loss and jitter, reports. */
@Command(name = "play", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Subscribe to a livestream server and play its stream through loss and jitter.",
                "The jitter buffer reorders, drops duplicates, recovers by FEC and NACK, conceals the rest.",
                "Exit 0 when played to the end (or --duration), 3 when the server does not answer or goes away,",
                "1 when refused."})
public final class PlayCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "HOST:PORT", converter = HostPortConverter.class,
            description = "The server (or an impair relay in front of it). Left out: the stream announcing itself"
                    + " on the LAN as --name, or the only one announcing.")
    InetSocketAddress server;

    @Option(names = "--name", paramLabel = "NAME", description = "Play the stream announced on the LAN under this name.")
    String name;

    @Option(names = "--latency", defaultValue = "100ms", paramLabel = "D",
            description = "Playout latency: the most a packet waits from send to playout. The delay adapts to jitter"
                    + " and round trip within D/2..D-5ms; what comes later is concealed. Default: ${DEFAULT-VALUE}.")
    Duration latency;

    @Option(names = "--duration", paramLabel = "D", description = "Stop after this long.")
    Duration duration;

    @Option(names = "--out-audio", paramLabel = "F.wav",
            description = "Write the played audio: aligned with the source from sample 0 and of its exact length.")
    Path outAudio;

    @Option(names = "--out-frames", paramLabel = "DIR", description = "Write frames as shown (held ones too), by frame number.")
    Path outFrames;

    @Option(names = "--reference", paramLabel = "WAV", description = "Source WAV: the report adds the output's SNR against it.")
    Path reference;

    @Option(names = "--forward", paramLabel = "HOST:PORT", converter = HostPortConverter.class,
            description = {"Also hand what plays, at playout time, to a player as plain RTP: L16 audio to PORT,",
                    "RTP/JPEG frames to PORT+2 (e.g. ffplay -protocol_whitelist file,udp,rtp -i FILE.sdp)."})
    InetSocketAddress forward;

    @Option(names = "--sdp", paramLabel = "FILE.sdp", description = "With --forward: write the SDP the player opens here, before the first packet.")
    Path sdp;

    @Option(names = "--no-nack", description = "Never ask for retransmissions (to measure FEC and concealment alone).")
    boolean noNack;

    @Option(names = "--no-progress", description = "No live status line on stderr.")
    boolean noProgress;

    @Mixin
    ReportOptions report;

    @Mixin
    VerboseOption verbose;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (server != null && name != null) {
            throw new CommandFailedException(ExitCodes.USAGE, "give HOST:PORT or --name, not both");
        }
        if (server == null) {
            server = LanStreams.find(name, spec.commandLine().getErr());
        }
        PcmAudio ref = reference == null ? null : MediaLoader.audio(reference, "--reference");
        if (ref != null && outAudio == null) {
            throw new CommandFailedException(ExitCodes.USAGE, "--reference needs --out-audio (the SNR is of the written audio)");
        }
        if (sdp != null && forward == null) {
            throw new CommandFailedException(ExitCodes.USAGE, "--sdp describes the --forward stream: give --forward HOST:PORT too");
        }
        PlayConfig config;
        try {
            config = new PlayConfig(server, latency, duration, outAudio, outFrames, !noNack);
        } catch (IllegalArgumentException e) {
            throw new CommandFailedException(ExitCodes.USAGE, "--" + e.getMessage());
        }
        Instant started = Instant.now();
        PlayResult result;
        PlayerForward player = null;
        try (ReceiverSession session = new ReceiverSession(config)) {
            if (forward != null) {
                try {
                    player = new PlayerForward(forward, sdp, RtpFormat.DEFAULT_PAYLOAD_TYPE);
                } catch (IllegalArgumentException e) {
                    throw new CommandFailedException(ExitCodes.USAGE, "--" + e.getMessage());
                }
                session.addSink(player);
            }
            StatusLine status = new StatusLine(!noProgress && Terminal.isStderrTerminal(), spec.commandLine().getErr());
            session.onStatus(status::show);
            result = session.run();
            if (ref != null && result.ok()) {
                result = result.withSnr(SignalToNoise.decibels(ref, WavReader.read(outAudio)));
            }
            status.clear();
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter summary = report.jsonOnStdout() ? spec.commandLine().getErr() : out;
            summary.println(describe(result));
            if (player != null) {
                summary.println(describeForward(player));
            }
            summary.flush();
            if (report.wanted()) {
                report.emit(RunReport.of("livestream", "play", started, params(), result, session.intervals()), out);
            }
        }
        if (result.exitCode() != ExitCodes.OK) {
            throw new CommandFailedException(result.exitCode(), result.outcome());
        }
        return ExitCodes.OK;
    }

    static String describe(PlayResult r) {
        String snr = r.snrDb() == null ? "" : String.format(Locale.ROOT, ", SNR %.1f dB", r.snrDb());
        return String.format(Locale.ROOT, "%s: %d audio packets, %d lost in the network, %d recovered by FEC, "
                        + "%d by retransmission, %d concealed (%.2f%% played on time); %d late, %d duplicate, %d malformed; "
                        + "jitter %.2f ms, latency p50 %.1f / p99 %.1f / max %.1f ms; frames %d complete, %d frozen%s",
                r.outcome(), r.expected(), r.lost(), r.recoveredByFec(), r.recoveredByRetransmit(), r.concealed(),
                r.playedOnTimePercent(), r.late(), r.duplicate(), r.malformed(), r.jitterMs(), r.latencyMs().p50(),
                r.latencyMs().p99(), r.latencyMs().max(), r.frames().complete(), r.frames().frozen(), snr);
    }

    private String describeForward(PlayerForward player) {
        String skipped = player.framesSkipped() == 0 ? ""
                : "; " + player.framesSkipped() + " frames not forwarded: " + player.firstSkipReason();
        return "forwarded " + player.audioPackets() + " RTP audio packets and " + player.framesSent() + " RTP/JPEG frames to "
                + forward.getAddress().getHostAddress() + ":" + forward.getPort() + skipped;
    }

    private Map<String, Object> params() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("server", server.getHostString() + ":" + server.getPort());
        p.put("latencyMs", latency.toMillis());
        p.put("duration", duration == null ? null : duration.toString());
        p.put("outAudio", outAudio == null ? null : outAudio.toString());
        p.put("outFrames", outFrames == null ? null : outFrames.toString());
        p.put("nack", !noNack);
        p.put("forward", forward == null ? null : forward.getHostString() + ":" + forward.getPort());
        p.put("reference", reference == null ? null : reference.toString());
        return p;
    }

    /** The one-line live status: rewritten in place on stderr, only on a terminal. */
    private static final class StatusLine {
        private final boolean enabled;
        private final PrintWriter err;

        StatusLine(boolean enabled, PrintWriter err) {
            this.enabled = enabled;
            this.err = err;
        }

        void show(String line) {
            if (enabled) {
                err.print("\r\033[K" + line);
                err.flush();
            }
        }

        void clear() {
            if (enabled) {
                err.print("\r\033[K");
                err.flush();
            }
        }
    }
}
