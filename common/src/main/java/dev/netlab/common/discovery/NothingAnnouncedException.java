package dev.netlab.common.discovery;

import dev.netlab.common.cli.ExitCodes;
import dev.netlab.common.cli.ExitStatus;
import java.io.IOException;
import java.time.Duration;

/** LAN discovery heard nothing that fits; the message says what to try instead. Exit code 3. */
public final class NothingAnnouncedException extends IOException implements ExitStatus {

    public NothingAnnouncedException(String message) {
        super(message);
    }

    /**
     * @param what what was looked for, e.g. {@code "no filetransfer server with rendezvous id 4721"}
     * @param instead how to do without discovery, e.g. {@code "send HOST:PORT --code CODE PATH..."}
     */
    public static NothingAnnouncedException nothingHeard(String what, Duration waited, String instead) {
        return new NothingAnnouncedException(what + " announced itself on the LAN within " + waited.toMillis()
                + " ms; check that it runs with --lan on this network and that multicast is not blocked"
                + " (firewall, access-point isolation, VPN), or give its address: " + instead);
    }

    @Override
    public int exitCode() {
        return ExitCodes.DISCONNECTED;
    }
}
