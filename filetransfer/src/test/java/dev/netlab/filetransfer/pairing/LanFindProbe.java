package dev.netlab.filetransfer.pairing;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * Not a test: prints how many milliseconds {@link LanPresence#find} took to hear the server of the
 * code given as the first argument, and where it is; the second argument repeats it in the same
 * JVM, to tell the cold first search (class loading) from the protocol's own latency. {@link LanPairingBench} runs it on the client host.
 */
public final class LanFindProbe {

    private LanFindProbe() {
    }

    public static void main(String[] args) throws Exception {
        PairingCode code = PairingCode.parse(args[0]);
        int times = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < times; i++) {
            long start = System.nanoTime();
            List<InetSocketAddress> found = LanPresence.find(code, LanPresence.FIND_WAIT, "HOST:PORT");
            long millis = (System.nanoTime() - start) / 1_000_000;
            if (i == 0) {
                line.append("found ").append(found.get(0).getAddress().getHostAddress()).append(':')
                        .append(found.get(0).getPort()).append(" in ").append(millis).append(" ms (first, cold JVM)");
            } else {
                line.append(i == 1 ? "; then in " : ", ").append(millis).append(" ms");
            }
        }
        System.out.println(line);
    }
}
