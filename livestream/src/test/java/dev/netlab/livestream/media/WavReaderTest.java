package dev.netlab.livestream.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavReaderTest {

    @TempDir
    Path dir;

    @Test
    void writtenWavReadsBackWithTheSameSamplesAndFormat() throws IOException {
        byte[] data = new byte[4 * 1000];
        new Random(7).nextBytes(data);
        PcmAudio audio = new PcmAudio(new AudioFormat(44_100, 2), data);
        Path file = dir.resolve("a.wav");
        WavWriter.write(file, audio);

        PcmAudio back = WavReader.read(file);

        assertThat(back.format()).isEqualTo(new AudioFormat(44_100, 2));
        assertThat(back.bytes()).isEqualTo(data);
        assertThat(Files.size(file)).isEqualTo(WavFormat.CANONICAL_HEADER_LENGTH + data.length);
    }

    @Test
    void monoWavAtAnOddRateIsAccepted() throws IOException {
        byte[] wav = wav(1, 22_050, 16, new byte[200]);
        assertThat(WavReader.parse("m.wav", wav).format()).isEqualTo(new AudioFormat(22_050, 1));
    }

    @Test
    void twentyFourBitWavIsRefusedWithTheReason() {
        byte[] wav = wav(2, 48_000, 24, new byte[600]);
        assertThatThrownBy(() -> WavReader.parse("deep.wav", wav))
                .isInstanceOf(UnsupportedAudioException.class)
                .hasMessage("deep.wav: 24-bit samples; only 16-bit PCM WAV is supported");
    }

    @Test
    void sixChannelWavIsRefusedWithTheReason() {
        byte[] wav = wav(6, 48_000, 16, new byte[1200]);
        assertThatThrownBy(() -> WavReader.parse("surround.wav", wav))
                .hasMessage("surround.wav: 6 channels; only mono or stereo is supported");
    }

    @Test
    void fileThatIsNotRiffIsRefused() {
        assertThatThrownBy(() -> WavReader.parse("x.mp3", "ID3 not a wave file".getBytes()))
                .hasMessage("x.mp3: not a WAV file (no RIFF/WAVE header)");
    }

    @Test
    void sampleMusicIsTenSecondsOfStereoAt48kHz() {
        PcmAudio music = SampleMediaGenerator.music(0.5);
        assertThat(music.format()).isEqualTo(new AudioFormat(48_000, 2));
        assertThat(music.frameCount()).isEqualTo(24_000);
        assertThat(SampleMediaGenerator.music(0.5).bytes()).isEqualTo(music.bytes());
    }

    private static byte[] wav(int channels, int rate, int bits, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(44 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + data.length).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) channels).putInt(rate)
                .putInt(rate * channels * bits / 8).putShort((short) (channels * bits / 8)).putShort((short) bits);
        b.put("data".getBytes()).putInt(data.length).put(data);
        return b.array();
    }
}
