package dev.netlab.filetransfer.protocol;

/** The server did not accept our token (or we have none and it wants one). Exit code 4. */
public final class AuthenticationRefusedException extends RemoteRefusalException {

    public AuthenticationRefusedException(String message) {
        super(ErrorCode.AUTH_FAILED, message);
    }
}
