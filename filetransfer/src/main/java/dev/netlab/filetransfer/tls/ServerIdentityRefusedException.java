package dev.netlab.filetransfer.tls;

import dev.netlab.common.cli.ExitCodes;
import dev.netlab.common.cli.ExitStatus;
import java.io.IOException;

/**
 * The client refused the server's TLS identity: its fingerprint differs from the one recorded in
 * the known-servers file, or from {@code --tls-pin}. The message names both fingerprints. No
 * application byte was sent to that server. Exit code 4, authentication refused.
 */
public final class ServerIdentityRefusedException extends IOException implements ExitStatus {

    private final Fingerprint expected;
    private final Fingerprint presented;

    public ServerIdentityRefusedException(String message, Fingerprint expected, Fingerprint presented) {
        super(message);
        this.expected = expected;
        this.presented = presented;
    }

    public Fingerprint expected() {
        return expected;
    }

    public Fingerprint presented() {
        return presented;
    }

    @Override
    public int exitCode() {
        return ExitCodes.AUTH_REFUSED;
    }
}
