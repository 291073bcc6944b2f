package dev.netlab.livestream.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JpegStreamReaderTest {

    @TempDir
    Path dir;

    /** Hands out at most a few random bytes per read, as a pipe may. */
    private static InputStream trickle(byte[] bytes, long seed) {
        Random random = new Random(seed);
        return new FilterInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 1 + random.nextInt(7)));
            }
        };
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void concatenatedJpegsComeBackOneByOneWhateverTheReadBoundaries(long seed) throws Exception {
        byte[][] frames = new byte[3][];
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (int i = 0; i < frames.length; i++) {
            Path file = dir.resolve(i + ".jpg");
            SampleMediaGenerator.writeJpeg(SampleMediaGenerator.drawFrame(i), file);
            frames[i] = Files.readAllBytes(file);
            stream.write(frames[i]);
        }
        JpegStreamReader reader = new JpegStreamReader(trickle(stream.toByteArray(), seed));

        for (byte[] frame : frames) {
            assertThat(reader.next()).as("seed %d", seed).isEqualTo(frame);
        }
        assertThat(reader.next()).isNull();
    }

    @ParameterizedTest
    @ValueSource(longs = {4, 5})
    void aStreamCutInsideAnImageIsAnErrorNotAFrame(long seed) throws Exception {
        Path file = dir.resolve("f.jpg");
        SampleMediaGenerator.writeJpeg(SampleMediaGenerator.drawFrame(1), file);
        byte[] frame = Files.readAllBytes(file);
        byte[] cut = Arrays.copyOf(frame, frame.length - 1 - new Random(seed).nextInt(frame.length - 2));

        assertThatThrownBy(() -> new JpegStreamReader(trickle(cut, seed)).next()).isInstanceOf(IOException.class);
    }

    @ParameterizedTest
    @ValueSource(longs = {6})
    void bytesThatAreNotJpegAreRefused(long seed) {
        assertThatThrownBy(() -> new JpegStreamReader(trickle(new byte[] {1, 2, 3}, seed)).next())
                .hasMessage("video stream is not JPEG images (no SOI marker)");
    }
}
