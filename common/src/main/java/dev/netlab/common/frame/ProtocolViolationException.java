package dev.netlab.common.frame;

/**
 * A well-formed frame that the protocol does not allow here: an unexpected type, a field out of
 * range, a message in the wrong state.
 */
public final class ProtocolViolationException extends FrameException {

    public ProtocolViolationException(String message) {
        super(message);
    }
}
