package dev.netlab.filetransfer.protocol;

import java.io.IOException;

/** The peer sent an ERROR and closed the connection: the request or the whole session was refused. */
public class RemoteRefusalException extends IOException {

    private final ErrorCode code;

    public RemoteRefusalException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
