package dev.netlab.livestream.cli;

import dev.netlab.common.cli.HostPort;
import dev.netlab.common.cli.CommandFailedException;
import dev.netlab.common.cli.ExitCodes;
import dev.netlab.common.cli.ReportOptions;
import dev.netlab.common.cli.VerboseOption;
import dev.netlab.common.cli.VersionProvider;
import dev.netlab.common.discovery.Announcement;
import dev.netlab.common.discovery.Announcer;
import dev.netlab.common.report.RunReport;
import dev.netlab.livestream.fec.FecScheme;
import dev.netlab.livestream.fec.FecSchemeConverter;
import dev.netlab.livestream.media.MediaSource;
import dev.netlab.livestream.sender.BroadcastServer;
import dev.netlab.livestream.sender.SenderStats;
import dev.netlab.livestream.sender.ServerConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code livestream serve}: broadcasts a WAV (and frames), any file ffmpeg reads, or raw PCM
 * from standard input to every subscriber, paced by the media clock.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Broadcast audio (and JPEG frames) over UDP to every subscriber: --audio WAV [--frames DIR],",
                "--media FILE (decoded by ffmpeg while it is sent), or --audio - --rate HZ --channels N (standard input).",
                "Prints 'listening on HOST:PORT' once bound. Without --loop the broadcast starts when the first",
                "subscriber joins and ends, with a goodbye to every subscriber, when the media ends; the",
                "command then prints its pacing numbers and exits 0. With --loop it runs until SIGINT/SIGTERM."})
public final class ServeCommand implements Callable<Integer> {

    /**
     * Default FEC: Reed-Solomon, 2 repairs per 10 packets (20 % overhead). NACKs recover most
     * losses inside the 100 ms window; FEC covers the ones whose retransmission is lost too.
     * Its block is 50 ms of audio, so repairs arrive well before playout, and it rebuilds any
     * two losses in twelve, which in our runs at 10 % loss left a quarter of the residual loss
     * of one XOR parity per 10 (figures: docs/livestream-design.md, "FEC default").
     */
    public static final String DEFAULT_FEC = "rs:10+2";

    @Option(names = "--audio", paramLabel = "WAV", description = {"16-bit PCM WAV, mono or stereo, any rate;",
            "or - for raw s16le PCM on standard input (a live source; needs --rate and --channels)."})
    Path audio;

    @Option(names = "--media", paramLabel = "FILE", description = {"Any file ffmpeg reads (mp3, ogg, flac, wav, mp4, mkv):",
            "ffmpeg (on PATH) decodes its audio, and its video to JPEG frames at --fps, while it is sent."})
    Path media;

    @Option(names = "--rate", paramLabel = "HZ", description = "Sample rate of --audio - (standard input).")
    Integer rate;

    @Option(names = "--channels", paramLabel = "N", description = "Channels (1 or 2) of --audio - (standard input).")
    Integer channels;

    @Option(names = "--frames", paramLabel = "DIR", description = "Directory of .jpg frames, sent in file-name order (with --audio WAV).")
    Path frames;

    @Option(names = "--fps", defaultValue = "25", description = "Frame rate of --frames or of --media's video. Default: ${DEFAULT-VALUE}.")
    double fps;

    @Option(names = "--port", defaultValue = "5004", description = "UDP port; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--bind", description = "Address to bind. Default: 127.0.0.1; with --lan 0.0.0.0, all interfaces.")
    String bind;

    @Option(names = "--lan", description = "Announce the stream on the LAN (livestream peers lists it, play finds it).")
    boolean lan;

    @Option(names = "--name", paramLabel = "NAME", description = "The name announced with --lan (default: the host name).")
    String name;

    @Option(names = "--fec", defaultValue = DEFAULT_FEC, converter = FecSchemeConverter.class, paramLabel = "SCHEME",
            description = "none, xor-row:L, xor-2d:LxD or rs:K+M. Default: ${DEFAULT-VALUE}.")
    FecScheme fec;

    @Option(names = "--loop", description = "Repeat the media forever, broadcasting from the start.")
    boolean loop;

    @Option(names = "--max-subscribers", defaultValue = "100", paramLabel = "N",
            description = "Subscribers served at once; more are refused. Default: ${DEFAULT-VALUE}.")
    int maxSubscribers;

    @Option(names = "--subscriber-timeout", defaultValue = "3s", paramLabel = "D",
            description = "Drop a subscriber not heard from for this long. Default: ${DEFAULT-VALUE}.")
    Duration subscriberTimeout;

    @Mixin
    ReportOptions report;

    @Mixin
    VerboseOption verbose;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--port " + port + " not in 0..65535");
        }
        if (maxSubscribers < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--max-subscribers " + maxSubscribers + " < 1");
        }
        if (name != null && !lan) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--name goes with --lan");
        }
        String address = bind != null ? bind : lan ? "0.0.0.0" : "127.0.0.1";
        if (fps <= 0 || fps > 1000) {
            throw new CommandFailedException(ExitCodes.USAGE, "--fps " + fps + " not in (0, 1000]");
        }
        MediaSource source = MediaLoader.source(audio, media, frames, rate, channels, fps, System.in);
        ServerConfig config;
        try {
            config = new ServerConfig(new InetSocketAddress(address, port), source, fps, fec, loop, maxSubscribers,
                    subscriberTimeout);
        } catch (IllegalArgumentException e) {
            source.close();
            throw new CommandFailedException(ExitCodes.USAGE, "--" + e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        Instant started = Instant.now();
        BroadcastServer server;
        try {
            server = BroadcastServer.start(config);
        } catch (BindException e) {
            source.close();
            throw new CommandFailedException(ExitCodes.FAILED, "cannot bind " + address + ":" + port + ": " + e.getMessage());
        }
        InetSocketAddress local = server.localAddress();
        Announcer announcer = lan ? announce(local.getPort()) : null;
        Thread closer = new Thread(() -> {
            if (announcer != null) {
                announcer.close();
            }
            closeQuietly(server);
        }, "livestream-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(closer);
        out.println("listening on " + HostPort.format(local));
        if (announcer != null) {
            out.println("lan: announcing '" + announcedName() + "' to LAN discovery");
        }
        out.flush();
        server.awaitEnd();
        if (announcer != null) {
            announcer.close();
        }
        server.close();
        try {
            Runtime.getRuntime().removeShutdownHook(closer);
        } catch (IllegalStateException shuttingDown) {
            // SIGINT/SIGTERM: the hook is already closing the server
        }
        SenderStats.Snapshot stats = server.stats();
        PrintWriter summary = report.jsonOnStdout() ? spec.commandLine().getErr() : out;
        summary.println(describe(stats));
        summary.flush();
        if (report.wanted()) {
            report.emit(RunReport.of("livestream", "serve", started, params(config), stats, List.of()), out);
        }
        String problem = server.mediaProblem();
        if (problem != null) {
            throw new CommandFailedException(ExitCodes.FAILED, problem);
        }
        return ExitCodes.OK;
    }

    private String announcedName() {
        return name != null ? name : Announcement.defaultName();
    }

    /** Multicast may be blocked here: the stream still serves, and play HOST:PORT still works. */
    private Announcer announce(int boundPort) {
        try {
            return LanStreams.announce(announcedName(), boundPort);
        } catch (IOException | IllegalArgumentException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("warning: not announcing on the LAN: " + e.getMessage() + "; players can still use HOST:PORT");
            err.flush();
            return null;
        }
    }

    static String describe(SenderStats.Snapshot s) {
        String line = String.format(Locale.ROOT, "sent %d media packets, %d FEC repairs, %d retransmissions (%d NACKed, %d refused)"
                        + " to %d subscribers; send time vs schedule: p50 %.3f ms, p99 %.3f ms, max %.3f ms",
                s.mediaPackets(), s.repairPackets(), s.retransmissions(), s.nackedPackets(), s.nacksRefused(),
                s.subscribersJoined(), s.deviationP50Ms(), s.deviationP99Ms(), s.deviationMaxMs());
        if (s.subscribesRateLimited() + s.unprovenControl() > 0) {
            line += String.format(Locale.ROOT, "; dropped %d subscribes over the rate limit and %d control messages"
                    + " without their subscriber's proof", s.subscribesRateLimited(), s.unprovenControl());
        }
        return line;
    }

    private Map<String, Object> params(ServerConfig config) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("audio", audio == null ? null : audio.toString());
        p.put("media", media == null ? null : media.toString());
        p.put("frames", frames == null ? null : frames.toString());
        p.put("fps", fps);
        p.put("fec", fec.spec());
        p.put("loop", loop);
        p.put("maxSubscribers", maxSubscribers);
        p.put("sampleRate", config.media().format().sampleRate());
        p.put("channels", config.media().format().channels());
        return p;
    }

    private static void closeQuietly(BroadcastServer server) {
        try {
            server.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
