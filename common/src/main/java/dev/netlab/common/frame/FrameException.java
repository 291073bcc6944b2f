package dev.netlab.common.frame;

import java.io.IOException;

/**
 * A stream broke one of the framing rules. The subclasses name which; each message states the
 * broken rule with its values, so the log line alone says what the peer did.
 */
public abstract class FrameException extends IOException {

    protected FrameException(String message) {
        super(message);
    }
}
