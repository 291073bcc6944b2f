package dev.netlab.livestream.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netlab.livestream.testing.Ffmpeg;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class FfmpegDecoderTest {

    @TempDir
    Path dir;

    @Test
    void aMissingFfmpegIsNamedWithTheDebianPackageToInstall() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("bin"));
        assertThatThrownBy(() -> FfmpegDecoder.onPath("ffmpeg", empty.toString()))
                .isInstanceOf(UnsupportedMediaException.class)
                .hasMessage("ffmpeg not found on PATH: install the Debian package ffmpeg (apt-get install ffmpeg)");
    }

    @Test
    @Timeout(30)
    void aWavDecodedByFfmpegGivesItsSamplesThenEndsWithoutAProblem() throws Exception {
        Assumptions.assumeTrue(Ffmpeg.present(), Ffmpeg.MISSING);
        Path wav = dir.resolve("a.wav");
        WavWriter.write(wav, SampleMediaGenerator.music(0.3));
        try (LiveSource source = FfmpegDecoder.open(wav, 25)) {
            assertThat(source.format()).isEqualTo(new AudioFormat(48_000, 2));
            assertThat(source.hasVideo()).isFalse();
            byte[] all = source.audio(0, 48_000);
            assertThat(all).isEqualTo(SampleMediaGenerator.music(0.3).bytes());
            assertThat(source.audio(14_400, 240)).isEmpty();
            assertThat(source.problem()).isNull();
        }
    }
}
