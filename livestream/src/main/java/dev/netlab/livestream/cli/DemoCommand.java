package dev.netlab.livestream.cli;

import dev.netlab.common.cli.ExitCodes;
import dev.netlab.common.cli.VerboseOption;
import dev.netlab.common.cli.VersionProvider;
import dev.netlab.livestream.fec.FecScheme;
import dev.netlab.livestream.impair.ImpairmentConfig;
import dev.netlab.livestream.impair.ImpairmentRelay;
import dev.netlab.livestream.media.FrameSequence;
import dev.netlab.livestream.media.PcmAudio;
import dev.netlab.livestream.media.SignalToNoise;
import dev.netlab.livestream.media.SampleMediaGenerator;
import dev.netlab.livestream.media.WavReader;
import dev.netlab.livestream.receiver.PlayConfig;
import dev.netlab.livestream.receiver.PlayResult;
import dev.netlab.livestream.receiver.ReceiverSession;
import dev.netlab.livestream.sender.BroadcastServer;
import dev.netlab.livestream.sender.ServerConfig;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code livestream demo}: server, impairment relay and receiver on loopback in one process,
 * streaming the sample media through 5 % bursty loss, then saying what happened.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Stream the sample media through 5%% bursty loss on loopback and say what was recovered.",
                "Server, impairment relay (5%% loss, mean burst 3, 10 ms each way) and receiver in one process;",
                "tells what was lost, recovered by FEC and retransmission, and concealed, and the SNR.",
                "Streams the first --seconds of samples/media (made on the fly if absent); writes to a temp folder."})
public final class DemoCommand implements Callable<Integer> {

    /** Demo loss: 5 % with a mean burst of 3 packets (Gilbert-Elliott), seeded so runs repeat. */
    static final double LOSS = 0.05;
    static final double MEAN_BURST = 3;
    static final long SEED = 4;
    /** 10 ms each way: a 20 ms round trip, as in the targets. */
    static final Duration ONE_WAY_DELAY = Duration.ofMillis(10);

    @Option(names = "--seconds", defaultValue = "5", description = "How much of the sample to stream (max 10). Default: ${DEFAULT-VALUE}.")
    double seconds;

    @Option(names = "--media", defaultValue = "samples/media", paramLabel = "DIR",
            description = "Sample media folder (sample.wav, frames/). Default: ${DEFAULT-VALUE}.")
    Path media;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder. Default: a new temporary folder.")
    Path out;

    @Mixin
    VerboseOption verbose;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        QuietLogs.unlessVerbose(verbose);
        Path dir = out != null ? Files.createDirectories(out) : Files.createTempDirectory("livestream-demo-");
        Path source = media;
        if (!Files.isRegularFile(source.resolve("sample.wav"))) {
            source = dir.resolve("sample-media");
            System.setProperty("java.awt.headless", "true");
            SampleMediaGenerator.generate(source);
        }
        PcmAudio full = MediaLoader.audio(source.resolve("sample.wav"), "--media");
        double secs = Math.max(0.5, Math.min(seconds, full.durationSeconds()));
        int frames = (int) Math.round(secs * full.format().sampleRate());
        PcmAudio audio = new PcmAudio(full.format(), full.slice(0, frames));
        FrameSequence video = excerpt(MediaLoader.frames(source.resolve("frames")), (int) Math.ceil(secs * 25));
        Path wav = dir.resolve("received.wav");
        Path framesOut = dir.resolve("frames");
        ImpairmentConfig faults = ImpairmentConfig.NONE.withLoss(LOSS, MEAN_BURST).withDelay(ONE_WAY_DELAY, Duration.ZERO)
                .withSeed(SEED);
        FecScheme fec = FecScheme.parse(ServeCommand.DEFAULT_FEC);
        InetSocketAddress loopback = new InetSocketAddress("127.0.0.1", 0);
        PlayResult result;
        try (BroadcastServer server = BroadcastServer.start(new ServerConfig(loopback, audio, video, 25, fec, false, 4,
                ServerConfig.DEFAULT_SUBSCRIBER_TIMEOUT));
             ImpairmentRelay relay = ImpairmentRelay.start(faults, loopback, server.localAddress());
             ReceiverSession receiver = new ReceiverSession(new PlayConfig(relay.localAddress(), PlayConfig.DEFAULT_LATENCY,
                     null, wav, framesOut, true))) {
            result = receiver.run();
        }
        if (result.ok()) {
            result = result.withSnr(SignalToNoise.decibels(audio, WavReader.read(wav)));
        }
        print(spec.commandLine().getOut(), secs, video, fec, result, wav, framesOut, audio.frameCount());
        return result.ok() ? ExitCodes.OK : result.exitCode();
    }

    /**
     * One shell line that serves the samples in a loop, plays them through the jitter buffer
     * and forwards the result to ffplay; the player waits for the SDP that play writes first.
     */
    static String watchCommand() {
        String jar = "bin/livestream";
        String sdp = "/tmp/livestream-watch.sdp";
        return "rm -f " + sdp + "; " + jar + " serve --audio samples/media/sample.wav --frames samples/media/frames"
                + " --loop --port 5004 & " + jar + " play 127.0.0.1:5004 --latency 1s --forward 127.0.0.1:7000 --sdp " + sdp
                + " & until [ -s " + sdp + " ]; do sleep 0.1; done; ffplay -protocol_whitelist file,udp,rtp -i " + sdp
                + "; kill %1 %2";
    }

    private static FrameSequence excerpt(FrameSequence all, int count) {
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < Math.min(count, all.size()); i++) {
            frames.add(all.frame(i));
        }
        return new FrameSequence(frames);
    }

    private static void print(PrintWriter out, double secs, FrameSequence video, FecScheme fec, PlayResult r,
                              Path wav, Path framesOut, int sourceFrames) throws java.io.IOException {
        out.println(String.format(Locale.ROOT, "streamed %.1f s of sample audio (48 kHz stereo, %d packets of 5 ms) and %d"
                        + " frames through a relay with %.0f%% bursty loss (mean burst %.0f) and %d ms each way; FEC %s, NACK on",
                secs, r.expected(), video.size(), LOSS * 100, MEAN_BURST, ONE_WAY_DELAY.toMillis(), fec.spec()));
        out.println(String.format(Locale.ROOT, "lost in the network: %d audio packets (%.1f%%)",
                r.lost(), r.expected() == 0 ? 0 : 100.0 * r.lost() / r.expected()));
        out.println(String.format(Locale.ROOT, "recovered: %d by FEC, %d by retransmission; concealed: %d (%.2f%%), late: %d",
                r.recoveredByFec(), r.recoveredByRetransmit(), r.concealed(), r.residualLossPercent(), r.late()));
        out.println(String.format(Locale.ROOT, "frames: %d complete, %d frozen (held the previous frame)",
                r.frames().complete(), r.frames().frozen()));
        String snr = r.snrDb() == null ? "n/a" : r.snrDb().isInfinite() ? "identical to the source"
                : String.format(Locale.ROOT, "%.1f dB", r.snrDb());
        long length = Files.exists(wav) ? WavReader.read(wav).frameCount() : 0;
        out.println(String.format(Locale.ROOT, "received audio vs source: SNR %s, %d sample frames (same length: %s)",
                snr, length, sourceFrames == length ? "yes" : "no"));
        out.println("wrote " + wav + " and " + framesOut + "/");
        out.println("watch it live in ffplay: " + watchCommand());
        out.flush();
    }
}
