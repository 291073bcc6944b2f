package dev.netlab.livestream.cli;

import dev.netlab.common.cli.CommandFailedException;
import dev.netlab.common.cli.ExitCodes;
import dev.netlab.common.cli.HostPortConverter;
import dev.netlab.common.cli.VerboseOption;
import dev.netlab.common.cli.VersionProvider;
import dev.netlab.common.metrics.Percentiles;
import dev.netlab.livestream.forward.PlayerForward;
import dev.netlab.livestream.forward.RtpJpegConverter;
import dev.netlab.livestream.forward.UnsupportedJpegException;
import dev.netlab.livestream.media.ClipSource;
import dev.netlab.livestream.media.FrameSequence;
import dev.netlab.livestream.media.PcmAudio;
import dev.netlab.livestream.rtp.RtpFormat;
import dev.netlab.livestream.sender.RtpSender;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code livestream rtp}: plain RTP (L16 audio, RTP/JPEG frames) to one player, with an SDP for ffplay/VLC. */
@Command(name = "rtp", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Send a WAV as plain RTP (RFC 3550, L16, dynamic payload type), paced, and with --frames",
                "the frames as RTP/JPEG (RFC 2435, payload type 26) to PORT+2.",
                "With --sdp, the SDP file is written before the first packet, e.g. for",
                "  ffplay -protocol_whitelist file,udp,rtp -i FILE.sdp  (start it first)"})
public final class RtpCommand implements Callable<Integer> {

    @Option(names = "--to", required = true, paramLabel = "HOST:PORT", converter = HostPortConverter.class,
            description = "Where the RTP packets go (the player listens there; video on PORT+2).")
    InetSocketAddress to;

    @Option(names = "--audio", required = true, paramLabel = "WAV", description = "16-bit PCM WAV, mono or stereo, any rate.")
    Path audio;

    @Option(names = "--frames", paramLabel = "DIR", description = "Directory of .jpg frames, sent as RTP/JPEG in file-name order.")
    Path frames;

    @Option(names = "--fps", defaultValue = "25", description = "Frame rate of --frames. Default: ${DEFAULT-VALUE}.")
    double fps;

    @Option(names = "--sdp", paramLabel = "FILE.sdp", description = "Write the session description here first.")
    Path sdp;

    @Option(names = "--payload-type", defaultValue = "96", paramLabel = "PT",
            description = "Dynamic RTP payload type 96..127 of the audio. Default: ${DEFAULT-VALUE}.")
    int payloadType;

    @Mixin
    VerboseOption verbose;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (payloadType < RtpFormat.DEFAULT_PAYLOAD_TYPE || payloadType > 127) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--payload-type " + payloadType + " not in 96..127");
        }
        if (fps <= 0 || fps > 1000) {
            throw new CommandFailedException(ExitCodes.USAGE, "--fps " + fps + " not in (0, 1000]");
        }
        PcmAudio pcm = MediaLoader.audio(audio, "--audio");
        if (pcm.frameCount() == 0) {
            throw new CommandFailedException(ExitCodes.USAGE, "--audio " + audio + ": holds no samples");
        }
        FrameSequence video = MediaLoader.frames(frames);
        checkFrames(video);
        PlayerForward player;
        try {
            player = new PlayerForward(to, sdp, payloadType);
        } catch (IllegalArgumentException e) {
            throw new CommandFailedException(ExitCodes.USAGE, "--to: " + e.getMessage());
        }
        RtpSender sender;
        try (player) {
            sender = new RtpSender(new ClipSource(pcm, video), fps, player);
            sender.run();
        }
        Percentiles d = sender.deviation();
        PrintWriter out = spec.commandLine().getOut();
        out.println(String.format(Locale.ROOT,
                "sent %d RTP packets (%.1f s of L16 %d Hz %d ch) and %d RTP/JPEG frames to %s:%d; send time vs schedule:"
                        + " p50 %.3f ms, p99 %.3f ms, max %.3f ms",
                player.audioPackets(), pcm.durationSeconds(), pcm.format().sampleRate(), pcm.format().channels(),
                player.framesSent(), to.getAddress().getHostAddress(), to.getPort(), d.p50Ms(), d.p99Ms(), d.maxMs()));
        out.flush();
        return ExitCodes.OK;
    }

    /** Refuses at start, in one line, a frame RTP/JPEG cannot carry even re-encoded. */
    private void checkFrames(FrameSequence video) {
        if (video == null) {
            return;
        }
        for (int i = 0; i < video.size(); i++) {
            try {
                RtpJpegConverter.convert("frame " + FrameSequence.fileName(i), video.frame(i));
            } catch (UnsupportedJpegException e) {
                throw new CommandFailedException(ExitCodes.USAGE, "--frames " + frames + ": " + e.getMessage());
            }
        }
    }
}
