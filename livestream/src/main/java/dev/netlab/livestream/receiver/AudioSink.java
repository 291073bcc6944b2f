package dev.netlab.livestream.receiver;

import java.io.IOException;

/**
 * Where played audio goes, in playout order: PCM bytes as in a WAV. The array is only valid
 * during the call (concealed audio comes in a reused buffer): a sink that keeps audio copies it.
 */
public interface AudioSink {

    void write(byte[] pcm) throws IOException;

    /** A sink that discards the audio (no --out-audio). */
    AudioSink NONE = pcm -> { };
}
