package dev.netlab.filetransfer.protocol;

import dev.netlab.common.cli.ExitCodes;
import dev.netlab.common.cli.ExitStatus;
import java.io.IOException;

/** The peer sent an ERROR and closed the connection: the request or the whole session was refused. */
public class RemoteRefusalException extends IOException implements ExitStatus {

    private final ErrorCode code;

    public RemoteRefusalException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    @Override
    public int exitCode() {
        return code == ErrorCode.AUTH_FAILED || code == ErrorCode.AUTH_REQUIRED ? ExitCodes.AUTH_REFUSED : ExitCodes.FAILED;
    }
}
