package dev.netlab.filetransfer.pairing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's current pairing code and the attempts made on it. Each code allows
 * {@link #MAX_FAILED_ATTEMPTS} failures; attempts in progress count against that allowance, so
 * parallel connections get no more guesses than serial ones. After the last failure the code is
 * retired, the peers that tried are logged, and a new code goes to the listener (the serve command
 * prints it). Thread-safe.
 */
public final class PairingCodeKeeper {

    private static final Logger LOG = LoggerFactory.getLogger(PairingCodeKeeper.class);
    /** Five tries: enough for a person who mistyped, and a 33-bit code makes five guesses worthless. */
    public static final int MAX_FAILED_ATTEMPTS = 5;

    private final Consumer<PairingCode> onNewCode;
    private PairingCode current;
    private int inFlight;
    private final List<String> failedPeers = new ArrayList<>();

    /** @param onNewCode told each new code after a retirement, on the thread whose attempt failed last */
    public PairingCodeKeeper(PairingCode first, Consumer<PairingCode> onNewCode) {
        this.current = first;
        this.onNewCode = onNewCode;
    }

    public synchronized PairingCode current() {
        return current;
    }

    /** One pairing attempt on the code current when it began. */
    final class Attempt {
        private final PairingCode code;
        private final String peer;
        private boolean ended;

        private Attempt(PairingCode code, String peer) {
            this.code = code;
            this.peer = peer;
        }

        PairingCode code() {
            return code;
        }

        /** @return false when the code was retired meanwhile: the pairing does not count then */
        boolean succeeded() {
            synchronized (PairingCodeKeeper.this) {
                end();
                return code == current;
            }
        }

        void failed(String reason) {
            PairingCode fresh = null;
            synchronized (PairingCodeKeeper.this) {
                end();
                if (code != current) {
                    return;
                }
                failedPeers.add(peer);
                LOG.warn("pairing with {} failed: {} ({} of {} attempts on this code)", peer, reason,
                        failedPeers.size(), MAX_FAILED_ATTEMPTS);
                if (failedPeers.size() >= MAX_FAILED_ATTEMPTS) {
                    LOG.warn("pairing code retired after {} failed attempts, from {}", failedPeers.size(), failedPeers);
                    failedPeers.clear();
                    current = PairingCode.generate();
                    fresh = current;
                }
            }
            if (fresh != null) {
                onNewCode.accept(fresh);
            }
        }

        private void end() {
            if (!ended) {
                ended = true;
                inFlight--;
                PairingCodeKeeper.this.notifyAll();
            }
        }
    }

    /**
     * Begins an attempt once the current code's failures and the attempts in progress leave room
     * for it, waiting up to {@code maxWait} for that (the parallel connections of one client pair
     * one after the other, each in a fraction of a second).
     *
     * @return empty when there was no room within {@code maxWait}
     */
    synchronized Optional<Attempt> begin(String peer, Duration maxWait) throws InterruptedException {
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (failedPeers.size() + inFlight >= MAX_FAILED_ATTEMPTS) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        inFlight++;
        return Optional.of(new Attempt(current, peer));
    }
}
