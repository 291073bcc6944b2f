package dev.netlab.livestream.media;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * A source read once, in order, while it is produced: raw s16le PCM from a stream (standard
 * input, or ffmpeg decoding a file) and, optionally, a stream of JPEG images. Its length is
 * known only when its audio ends. A failed read ends the media where it failed; {@link #problem}
 * then says why in one line. Read by the broadcast thread only.
 */
public final class LiveSource implements MediaSource {

    private final String name;
    private final AudioFormat format;
    private final PcmStreamReader pcm;
    private final JpegStreamReader jpegs;
    private final FfmpegDecoder decoder;
    private volatile String problem;
    private boolean audioFailed;
    private boolean videoEnded;

    private LiveSource(String name, AudioFormat format, InputStream pcm, InputStream jpegs, FfmpegDecoder decoder) {
        this.name = name;
        this.format = format;
        this.pcm = new PcmStreamReader(pcm, format);
        this.jpegs = jpegs == null ? null : new JpegStreamReader(jpegs);
        this.decoder = decoder;
    }

    /** Raw s16le PCM from {@code in}, named {@code name} in messages (e.g. "standard input"). */
    public static LiveSource ofPcm(String name, AudioFormat format, InputStream in) {
        return new LiveSource(name, format, in, null, null);
    }

    /** What {@code decoder} decodes: its PCM, and its JPEG frames if it has video. */
    static LiveSource ofDecoder(FfmpegDecoder decoder) {
        return new LiveSource(decoder.fileName(), decoder.format(), decoder.pcm(), decoder.jpegs(), decoder);
    }

    @Override
    public AudioFormat format() {
        return format;
    }

    @Override
    public long audioFrames() {
        return Timeline.UNKNOWN_LENGTH;
    }

    @Override
    public boolean hasVideo() {
        return jpegs != null;
    }

    @Override
    public long videoFrames() {
        return 0;
    }

    @Override
    public boolean rewindable() {
        return false;
    }

    @Override
    public byte[] audio(long from, int count) {
        if (pcm.ended() || audioFailed) {
            return new byte[0];
        }
        try {
            byte[] out = pcm.read(count);
            if (pcm.ended()) {
                noteEnd();
            }
            return out;
        } catch (IOException e) {
            audioFailed = true;
            fail(name + ": audio input failed after " + seconds(pcm.framesRead()) + ": " + e.getMessage());
            return new byte[0];
        }
    }

    private void noteEnd() {
        String decoderFailure = decoder == null ? null : decoder.audioFailure();
        if (decoderFailure != null) {
            fail(decoderFailure);
        } else if (pcm.strayBytes() > 0) {
            fail(name + " ended inside a sample frame: " + pcm.strayBytes() + " byte(s) of an incomplete "
                    + format.bytesPerFrame() + "-byte frame dropped after " + seconds(pcm.framesRead()));
        } else if (pcm.framesRead() == 0) {
            fail(name + " ended before any audio");
        }
    }

    @Override
    public byte[] frame(long index) {
        if (jpegs == null || videoEnded) {
            return null;
        }
        try {
            byte[] jpeg = jpegs.next();
            videoEnded = jpeg == null;
            return jpeg;
        } catch (IOException e) {
            videoEnded = true;
            fail(name + ": video input failed at frame " + index + ": " + e.getMessage());
            return null;
        }
    }

    private void fail(String line) {
        if (problem == null) {
            problem = line;
        }
    }

    private String seconds(long frames) {
        return String.format(Locale.ROOT, "%.3f s", frames / (double) format.sampleRate());
    }

    @Override
    public String problem() {
        return problem;
    }

    @Override
    public void close() throws IOException {
        if (decoder != null) {
            decoder.close();
        }
    }
}
