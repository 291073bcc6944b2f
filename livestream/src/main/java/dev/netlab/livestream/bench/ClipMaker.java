package dev.netlab.livestream.bench;

import dev.netlab.livestream.media.PcmAudio;
import dev.netlab.livestream.media.WavReader;
import dev.netlab.livestream.media.WavWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/** Cuts the first part of a WAV into the clip every run of a benchmark streams, so runs stay short. */
final class ClipMaker {

    private ClipMaker() {
    }

    /** Writes at most {@code length} of {@code source} from its start to {@code clip}. */
    static Path cut(Path source, Duration length, Path clip) throws IOException {
        PcmAudio audio = WavReader.read(source);
        long wanted = audio.format().framesIn(length.toNanos());
        int frames = (int) Math.min(audio.frameCount(), Math.max(1, wanted));
        WavWriter.write(clip, new PcmAudio(audio.format(), audio.slice(0, frames)));
        return clip;
    }
}
