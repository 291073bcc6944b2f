package dev.netlab.livestream.cli;

import dev.netlab.common.cli.ExitCodes;
import dev.netlab.common.cli.HostPortConverter;
import dev.netlab.common.cli.VerboseOption;
import dev.netlab.common.cli.VersionProvider;
import dev.netlab.common.metrics.Percentiles;
import dev.netlab.livestream.media.PcmAudio;
import dev.netlab.livestream.rtp.RtpFormat;
import dev.netlab.livestream.rtp.SdpWriter;
import dev.netlab.livestream.sender.RtpAudioSender;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code livestream rtp}: plain RTP (L16) to one address, with an SDP for ffplay/VLC. */
@Command(name = "rtp", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Send a WAV as plain RTP (RFC 3550, L16, dynamic payload type), paced.",
                "With --sdp, the SDP file is written before the first packet, e.g. for",
                "  ffplay -protocol_whitelist file,udp,rtp -i FILE.sdp  (start it first)"})
public final class RtpCommand implements Callable<Integer> {

    @Option(names = "--to", required = true, paramLabel = "HOST:PORT", converter = HostPortConverter.class,
            description = "Where the RTP packets go (the player listens there).")
    InetSocketAddress to;

    @Option(names = "--audio", required = true, paramLabel = "WAV", description = "16-bit PCM WAV, mono or stereo, any rate.")
    Path audio;

    @Option(names = "--sdp", paramLabel = "FILE.sdp", description = "Write the session description here first.")
    Path sdp;

    @Option(names = "--payload-type", defaultValue = "96", paramLabel = "PT",
            description = "Dynamic RTP payload type 96..127. Default: ${DEFAULT-VALUE}.")
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
        PcmAudio pcm = MediaLoader.audio(audio, "--audio");
        RtpAudioSender sender = new RtpAudioSender(pcm, to, payloadType);
        if (sdp != null) {
            writeAtomically(sdp, SdpWriter.describe(to, pcm.format(), payloadType, sender.packetMillis()));
        }
        sender.run();
        Percentiles d = sender.deviation();
        PrintWriter out = spec.commandLine().getOut();
        out.println(String.format(Locale.ROOT,
                "sent %d RTP packets (%.1f s of L16 %d Hz %d ch) to %s:%d; send time vs schedule: p50 %.3f ms, p99 %.3f ms, max %.3f ms",
                sender.packetsSent(), pcm.durationSeconds(), pcm.format().sampleRate(), pcm.format().channels(),
                to.getAddress().getHostAddress(), to.getPort(), d.p50Ms(), d.p99Ms(), d.maxMs()));
        out.flush();
        return ExitCodes.OK;
    }

    private static void writeAtomically(Path file, String text) throws java.io.IOException {
        Path target = file.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path temp = target.resolveSibling("." + target.getFileName() + ".part");
        Files.writeString(temp, text, StandardCharsets.US_ASCII);
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
