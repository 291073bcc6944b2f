package dev.netlab.livestream.media;

/**
 * A clip held in memory: a WAV's samples and, optionally, a directory's frames. Rewindable, so
 * it can loop; reading it cannot fail. Immutable and thread-safe.
 */
public final class ClipSource implements MediaSource {

    private final PcmAudio audio;
    private final FrameSequence frames;

    /** {@code frames} may be null (audio only). */
    public ClipSource(PcmAudio audio, FrameSequence frames) {
        if (audio.frameCount() == 0) {
            throw new IllegalArgumentException("audio holds no samples");
        }
        this.audio = audio;
        this.frames = frames;
    }

    public PcmAudio pcm() {
        return audio;
    }

    @Override
    public AudioFormat format() {
        return audio.format();
    }

    @Override
    public long audioFrames() {
        return audio.frameCount();
    }

    @Override
    public boolean hasVideo() {
        return frames != null;
    }

    @Override
    public long videoFrames() {
        return frames == null ? 0 : frames.size();
    }

    @Override
    public boolean rewindable() {
        return true;
    }

    @Override
    public byte[] audio(long from, int count) {
        return audio.slice((int) from, count);
    }

    @Override
    public byte[] frame(long index) {
        return frames.frame((int) (index % frames.size()));
    }

    @Override
    public String problem() {
        return null;
    }

    @Override
    public void close() {
    }
}
