package dev.netlab.livestream.media;

import java.io.IOException;

/**
 * Media livestream cannot stream, found before anything is sent: ffmpeg missing, a file ffmpeg
 * cannot read, a file without audio, a frame RTP/JPEG cannot carry. The message is the one
 * line the user sees.
 */
public final class UnsupportedMediaException extends IOException {

    public UnsupportedMediaException(String message) {
        super(message);
    }
}
