package dev.netlab.livestream.receiver;

import java.io.IOException;

/** Where shown frames go: each frame number with the encoded frame shown for it. */
public interface FrameSink {

    /** {@code held} is true when the previous complete frame is shown again (frozen). */
    void show(long frameNumber, byte[] jpeg, boolean held) throws IOException;

    FrameSink NONE = (n, jpeg, held) -> { };
}
