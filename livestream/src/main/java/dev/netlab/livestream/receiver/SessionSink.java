package dev.netlab.livestream.receiver;

import dev.netlab.livestream.media.Timeline;
import java.io.IOException;

/**
 * A sink for both audio and frames that must know the session's shape before anything plays
 * (e.g. to describe the stream to a player): {@link #start} comes once, when the session info
 * arrives; then audio and frames come at their playout time, in order, as to any sink; then
 * {@link #close}. Called on the receiver's thread only.
 */
public interface SessionSink extends AudioSink, FrameSink, AutoCloseable {

    /** The session's formats and frame rate are known; nothing has been played yet. */
    void start(Timeline timeline, boolean hasFrames) throws IOException;

    @Override
    void close() throws IOException;

    /** Audio to {@code first}, then to each of {@code more}. */
    static AudioSink tee(AudioSink first, java.util.List<? extends AudioSink> more) {
        if (more.isEmpty()) {
            return first;
        }
        return pcm -> {
            first.write(pcm);
            for (AudioSink s : more) {
                s.write(pcm);
            }
        };
    }

    /** Frames to {@code first}, then to each of {@code more}. */
    static FrameSink teeFrames(FrameSink first, java.util.List<? extends FrameSink> more) {
        if (more.isEmpty()) {
            return first;
        }
        return (n, jpeg, held) -> {
            first.show(n, jpeg, held);
            for (FrameSink s : more) {
                s.show(n, jpeg, held);
            }
        };
    }
}
