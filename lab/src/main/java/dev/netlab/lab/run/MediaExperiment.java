package dev.netlab.lab.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.netlab.common.netns.NetnsPair;
import dev.netlab.common.report.RunReportJson;
import dev.netlab.lab.media.ConcealedPlayback;
import dev.netlab.lab.media.PacketArrivals;
import dev.netlab.lab.media.PlayoutTimeline;
import dev.netlab.lab.media.TcpPlayout;
import dev.netlab.lab.peer.LabPeer;
import dev.netlab.livestream.cli.LivestreamCli;
import dev.netlab.livestream.media.PcmAudio;
import dev.netlab.livestream.media.SignalToNoise;
import dev.netlab.livestream.media.Timeline;
import dev.netlab.livestream.media.WavReader;
import dev.netlab.livestream.sender.MediaLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The media experiment on one link: the same clip over plain TCP (the lab's own sender and
 * receiver, {@link TcpPlayout}) and over livestream (its own {@code serve} and {@code play}),
 * the sender on host a, the receiver on host b. Both are scored the same way: slot by slot
 * against the source, so "on time" and "stall" mean the same for both.
 */
final class MediaExperiment {

    /** Time for child JVMs to start and bind, on a busy machine. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    /**
     * How long the TCP receiver keeps reading after the clip's end, for the latency of packets
     * still held up by retransmissions; a packet later than this is counted as never arrived.
     */
    static final Duration TCP_TAIL = Duration.ofSeconds(2);

    private final NetnsPair pair;
    private final PcmAudio clip;
    private final Path clipWav;
    private final Path work;
    private final int framesPerPacket;
    private final long packetNanos;
    private final int packets;

    MediaExperiment(NetnsPair pair, PcmAudio clip, Path clipWav, Path work) {
        this.pair = pair;
        this.clip = clip;
        this.clipWav = clipWav;
        this.work = work;
        // livestream's own packetisation, so slot k is the same audio in both runs.
        this.framesPerPacket = Timeline.samplesPerPacket(clip.format(), MediaLimits.MAX_AUDIO_PAYLOAD);
        this.packetNanos = clip.format().nanosAt(framesPerPacket);
        this.packets = (clip.frameCount() + framesPerPacket - 1) / framesPerPacket;
    }

    private Duration runTimeout() {
        return START_TIMEOUT.plusNanos((long) (clip.durationSeconds() * 1e9)).plus(TCP_TAIL).plus(START_TIMEOUT);
    }

    MediaRun tcp(double lossPercent) throws IOException, InterruptedException {
        String tag = "media-tcp-" + LabRun.lossTag(lossPercent);
        Path arrivalsFile = work.resolve(tag + ".arrivals");
        long clipNanos = clip.format().nanosAt(clip.frameCount());
        try (ChildProcess receiver = ChildProcess.start(tag + "-receiver", pair.b().java(LabPeer.class.getName(),
                "tcp-media-receive", pair.b().address().getHostAddress(), String.valueOf(packets),
                String.valueOf(runTimeout().toNanos()), String.valueOf(clipNanos), String.valueOf(TCP_TAIL.toNanos()),
                arrivalsFile.toString()), work)) {
            String address = receiver.awaitLine(LabPeer.LISTENING_PREFIX, START_TIMEOUT);
            try (ChildProcess sender = ChildProcess.start(tag + "-sender", pair.a().java(LabPeer.class.getName(),
                    "tcp-media-send", address, clipWav.toString(), String.valueOf(framesPerPacket)), work)) {
                receiver.awaitLine(LabPeer.RESULT_PREFIX, runTimeout());
                sender.awaitExit(TCP_TAIL);
            }
        }
        PacketArrivals arrivals = LabPeer.readArrivals(arrivalsFile, packets);
        TcpPlayout.Outcome outcome = TcpPlayout.play(arrivals, LabSettings.LATENCY_BUDGET.toNanos(), packetNanos);
        PcmAudio played = ConcealedPlayback.render(clip, framesPerPacket, outcome.timeline());
        long neverArrived = 0;
        for (int seq = 0; seq < packets; seq++) {
            neverArrived += arrivals.arrived(seq) ? 0 : 1;
        }
        MediaResult result = new MediaResult(packets, outcome.timeline().onTimePercent(),
                outcome.timeline().longestStallMs(),
                new MediaResult.Latency(outcome.latency().p50Ms(), outcome.latency().p99Ms(), outcome.latency().maxMs()),
                "send to arrival", SignalToNoise.decibels(clip, played), neverArrived);
        return new MediaRun("tcp", lossPercent, result, outcome.timeline(), arrivals);
    }

    MediaRun livestream(double lossPercent) throws IOException, InterruptedException {
        String tag = "media-livestream-" + LabRun.lossTag(lossPercent);
        Path outAudio = work.resolve(tag + ".wav");
        Path report = work.resolve(tag + "-play.json");
        Files.deleteIfExists(outAudio);
        try (ChildProcess server = ChildProcess.start(tag + "-serve", pair.a().java(LivestreamCli.class.getName(),
                "serve", "--audio", clipWav.toString(), "--port", "0", "--bind", pair.a().address().getHostAddress()), work)) {
            String address = server.awaitLine("listening on ", START_TIMEOUT);
            try (ChildProcess player = ChildProcess.start(tag + "-play", pair.b().java(LivestreamCli.class.getName(),
                    "play", address, "--out-audio", outAudio.toString(), "--report", report.toString(), "--no-progress"), work)) {
                if (!player.awaitExit(runTimeout())) {
                    throw new IOException("livestream play did not end in " + runTimeout().toSeconds() + " s");
                }
                if (player.exitCode() != 0) {
                    throw new IOException("livestream play failed with exit " + player.exitCode() + player.errorTail());
                }
            }
            server.awaitExit(START_TIMEOUT);
        }
        PcmAudio played = WavReader.read(outAudio);
        PlayoutTimeline timeline = ConcealedPlayback.compare(clip, played, framesPerPacket, packetNanos);
        JsonNode latency = RunReportJson.read(report).result().path("latencyMs");
        MediaResult result = new MediaResult(packets, timeline.onTimePercent(), timeline.longestStallMs(),
                new MediaResult.Latency(latency.path("p50").asDouble(), latency.path("p99").asDouble(),
                        latency.path("max").asDouble()),
                "send to playout", SignalToNoise.decibels(clip, played), 0);
        return new MediaRun("livestream", lossPercent, result, timeline, null);
    }
}
