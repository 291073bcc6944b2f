package dev.netlab.filetransfer.pairing;

import dev.netlab.common.cli.ExitCodes;
import dev.netlab.common.cli.ExitStatus;
import java.io.IOException;

/** The pairing failed: a wrong code, or a peer that could not prove it knows the code. Exit code 4. */
public final class PairingRefusedException extends IOException implements ExitStatus {

    public PairingRefusedException(String message) {
        super(message);
    }

    @Override
    public int exitCode() {
        return ExitCodes.AUTH_REFUSED;
    }
}
