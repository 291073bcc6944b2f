package dev.netlab.livestream.forward;

import java.io.IOException;

/** A JPEG that RTP/JPEG (RFC 2435) cannot carry, even re-encoded; the message says which rule it breaks. */
public final class UnsupportedJpegException extends IOException {

    public UnsupportedJpegException(String message) {
        super(message);
    }
}
