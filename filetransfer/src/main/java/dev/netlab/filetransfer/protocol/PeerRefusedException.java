package dev.netlab.filetransfer.protocol;

import java.io.IOException;

/** This side refused the peer (bad handshake, wrong token) and told it so with an ERROR. */
public final class PeerRefusedException extends IOException {

    private final ErrorCode code;

    public PeerRefusedException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
