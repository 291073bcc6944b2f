package dev.netlab.filetransfer.pairing;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * Not a test: what one whole pairing exchange (both sides, over in-memory pipes, no TLS) costs in
 * this JVM, the first one (a cold JVM: class loading, interpreter) and then warm. A
 * {@code send --code} pays the client's cold half and the server's half before its first byte.
 *
 * <p>Arguments: {@code [warm exchanges, 20]}. Run with the test class path:
 * {@code java -cp "$(cat cp.txt)" dev.netlab.filetransfer.pairing.PairingExchangeTiming 20}.
 */
public final class PairingExchangeTiming {

    private PairingExchangeTiming() {
    }

    public static void main(String[] args) throws Exception {
        int warm = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        long[] micros = new long[warm + 1];
        for (int i = 0; i < micros.length; i++) {
            PairingCode code = PairingCode.generate();
            CompletableFuture<Throwable> client = new CompletableFuture<>();
            long start = System.nanoTime();
            PairingExchange.Outcome outcome = PipedPairing.exchange(code, code, PipedPairing.SERVER, client);
            micros[i] = (System.nanoTime() - start) / 1000;
            if (outcome != PairingExchange.Outcome.PAIRED || client.get() != null) {
                throw new IllegalStateException("exchange " + i + " did not pair: " + outcome + ", " + client.get());
            }
        }
        long[] warmed = Arrays.copyOfRange(micros, 1, micros.length);
        Arrays.sort(warmed);
        System.out.printf(Locale.ROOT, "one exchange, both sides: first (cold JVM) %.1f ms; warm median %.1f ms,"
                        + " min %.1f ms of %d (Java %s)%n", micros[0] / 1000.0, warmed[warmed.length / 2] / 1000.0,
                warmed[0] / 1000.0, warm, Runtime.version());
    }
}
