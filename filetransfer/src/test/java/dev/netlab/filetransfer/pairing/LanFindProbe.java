package dev.netlab.filetransfer.pairing;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * Not a test: prints how many milliseconds {@link LanPresence#find} took to hear the server of the
 * code given as the argument, and where it is. {@link LanPairingBench} runs it on the client host.
 */
public final class LanFindProbe {

    private LanFindProbe() {
    }

    public static void main(String[] args) throws Exception {
        PairingCode code = PairingCode.parse(args[0]);
        long start = System.nanoTime();
        List<InetSocketAddress> found = LanPresence.find(code, LanPresence.FIND_WAIT, "HOST:PORT");
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("found " + found.get(0).getAddress().getHostAddress() + ":" + found.get(0).getPort()
                + " in " + millis + " ms");
    }
}
