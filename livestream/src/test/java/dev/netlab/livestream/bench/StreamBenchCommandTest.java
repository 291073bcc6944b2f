package dev.netlab.livestream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.common.report.RunReport;
import dev.netlab.common.report.RunReportJson;
import dev.netlab.common.testing.ClasspathJar;
import dev.netlab.common.testing.CommandRun;
import dev.netlab.livestream.media.AudioFormat;
import dev.netlab.livestream.media.PcmAudio;
import dev.netlab.livestream.media.WavWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class StreamBenchCommandTest {

    @TempDir
    Path dir;

    @Test
    void refusesAnUnknownFecSchemeAsAUsageError() {
        CommandRun.Result result = CommandRun.run(new BenchCommand(), "--fec", "none,turbo");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("unknown FEC scheme 'turbo'");
    }

    @Test
    void refusesZeroRepeatsAsAUsageError() {
        CommandRun.Result result = CommandRun.run(new BenchCommand(), "--repeats", "0");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--repeats 0 outside 1..1000");
    }

    @Test
    void refusesALossRateThatIsNotAPercentage() {
        CommandRun.Result result = CommandRun.run(new BenchCommand(), "--loss", "5%,lots");

        assertThat(result.exitCode()).isEqualTo(2);
    }

    /**
     * The bench's plumbing, not the tools' speed: the players get a generous latency (the bench's
     * default is 100 ms), so that a cold player JVM stalled on a busy 2-core machine does not
     * conceal a late packet and turn the lossless run's residual loss above zero.
     */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void losslessRunsWithAndWithoutNacksThroughTheRealToolsReportWhatComparesLossChartsRead() throws Exception {
        Path jar = ClasspathJar.write(dir.resolve("livestream.jar"), "dev.netlab.livestream.cli.LivestreamCli");
        Path audio = sineWav(dir.resolve("tone.wav"));
        Path out = dir.resolve("out");

        CommandRun.Result result = CommandRun.run(new BenchCommand(), "--jar", jar.toString(), "--audio", audio.toString(),
                "--clip", "400ms", "--loss", "0%", "--fec", "none", "--retransmit", "both", "--latency", "1s",
                "--out", out.toString());

        assertThat(result.exitCode()).as(result.err() + result.out()).isZero();
        List<Path> reports = reportsIn(out);
        assertThat(reports).hasSize(2);
        RunReport report = RunReportJson.read(reports.get(0));
        RunReport withoutNacks = RunReportJson.read(reports.get(1));
        assertThat(withoutNacks.params()).containsEntry("retransmit", "off");
        assertThat(withoutNacks.result().path("nacksSent").asLong()).isZero();
        assertThat(withoutNacks.result().path("recoveredByRetransmit").asLong()).isZero();
        assertThat(report.tool()).isEqualTo("livestream");
        assertThat(report.params()).containsEntry("loss", "0%").containsEntry("fec", "none").containsEntry("retransmit", "on");
        assertThat(report.result().path("ok").asBoolean()).isTrue();
        assertThat(report.result().path("residualLoss").asDouble()).isZero();
        assertThat(report.result().path("mediaBytes").asLong()).isEqualTo(48_000 * 4 * 4 / 10);
        assertThat(report.result().path("overhead").asDouble()).isGreaterThan(1.0);
        assertThat(out.resolve("compare.html")).isRegularFile();
        assertThat(result.out()).containsPattern("0%\\s+0\\s+none\\s+on\\s+0\\.00%");
    }

    /** 400 ms of a 440 Hz tone, 48 kHz stereo. */
    private static Path sineWav(Path file) throws Exception {
        AudioFormat format = new AudioFormat(48_000, 2);
        int frames = 48_000 * 4 / 10;
        ByteBuffer pcm = ByteBuffer.allocate(frames * format.bytesPerFrame()).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frames; i++) {
            short sample = (short) (8000 * Math.sin(2 * Math.PI * 440 * i / 48_000.0));
            pcm.putShort(sample).putShort(sample);
        }
        WavWriter.write(file, new PcmAudio(format, pcm.array()));
        return file;
    }

    private static List<Path> reportsIn(Path out) throws Exception {
        try (Stream<Path> files = Files.list(out)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        }
    }
}
