package dev.netlab.livestream.media;

import java.io.IOException;

/**
 * An audio file that livestream cannot stream: not a RIFF/WAVE file, not PCM, not 16-bit,
 * not mono or stereo, or cut short. The message names the file and the broken rule.
 */
public final class UnsupportedAudioException extends IOException {

    public UnsupportedAudioException(String message) {
        super(message);
    }
}
