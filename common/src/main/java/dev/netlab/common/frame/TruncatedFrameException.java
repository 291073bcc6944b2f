package dev.netlab.common.frame;

/** The stream ended inside a frame: the peer went away mid-message. */
public final class TruncatedFrameException extends FrameException {

    public TruncatedFrameException(int got, int expected) {
        super("stream ended inside a frame after " + got + " of " + expected + " bytes");
    }
}
