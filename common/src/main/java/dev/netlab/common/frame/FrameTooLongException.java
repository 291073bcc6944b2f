package dev.netlab.common.frame;

/**
 * A frame announced a payload longer than the reader accepts. Nothing is allocated for it; the
 * stream cannot be resynchronised, so the connection must be closed.
 */
public final class FrameTooLongException extends FrameException {

    public FrameTooLongException(long length, int max) {
        super("frame length " + length + " > max " + max);
    }
}
