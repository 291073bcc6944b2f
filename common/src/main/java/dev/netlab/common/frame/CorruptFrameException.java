package dev.netlab.common.frame;

/** A frame header that is not a netlab header: wrong magic, unknown version, or garbage. */
public final class CorruptFrameException extends FrameException {

    public CorruptFrameException(String message) {
        super(message);
    }
}
