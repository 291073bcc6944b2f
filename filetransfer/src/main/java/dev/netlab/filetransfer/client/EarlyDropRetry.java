package dev.netlab.filetransfer.client;

import dev.netlab.common.cli.ExitStatus;
import dev.netlab.filetransfer.protocol.ErrorCode;
import dev.netlab.filetransfer.protocol.RemoteRefusalException;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Connection attempts within the connect timeout. A server under a flood drops new peers before
 * their handshake at random (sshd's MaxStartups does the same) and refuses a peer as busy when
 * every session slot stays taken; both are worth another try a little later, so such an attempt
 * is repeated with a growing, jittered pause until the connect timeout is spent. Anything else
 * (nothing listening, a refused token, a TLS mismatch) fails at once. When the time is spent the
 * failure is a {@link ConnectException}: exit 3, "could not connect".
 */
final class EarlyDropRetry {

    /** The first pause; doubled after each drop. */
    static final Duration FIRST_PAUSE = Duration.ofMillis(50);
    /** Pauses stop growing here, so a freed slot is found within a second. */
    static final Duration MAX_PAUSE = Duration.ofSeconds(1);

    /** One attempt: TCP connect within {@code timeLeft}, then transport and handshake. */
    @FunctionalInterface
    interface Attempt<T> {
        T run(Duration timeLeft) throws IOException;
    }

    private EarlyDropRetry() {
    }

    static <T> T connect(String server, Duration connectTimeout, Attempt<T> attempt) throws IOException {
        long start = System.nanoTime();
        long deadline = start + connectTimeout.toNanos();
        long pause = FIRST_PAUSE.toNanos();
        for (int attempts = 1; ; attempts++) {
            try {
                return attempt.run(Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime())));
            } catch (SocketTimeoutException e) {
                throw connectFailure(server + " did not answer within " + seconds(connectTimeout), e);
            } catch (IOException e) {
                if (!droppedEarly(e)) {
                    throw e;
                }
                long jittered = pause / 2 + ThreadLocalRandom.current().nextLong(pause / 2 + 1);
                if (System.nanoTime() + jittered >= deadline) {
                    throw connectFailure(server + " dropped " + attempts + (attempts == 1 ? " attempt" : " attempts")
                            + " in " + seconds(Duration.ofNanos(System.nanoTime() - start))
                            + " before the handshake finished (the server is busy or flooded): " + e.getMessage(), e);
                }
                sleep(jittered);
                pause = Math.min(pause * 2, MAX_PAUSE.toNanos());
            }
        }
    }

    /**
     * Closed or reset by the server before the handshake was done, or refused as busy. A
     * ConnectException (nothing listens) is a SocketException too, but trying again will not help.
     */
    static boolean droppedEarly(IOException e) {
        if (e instanceof RemoteRefusalException refusal) {
            return refusal.code() == ErrorCode.BUSY;
        }
        if (e instanceof ExitStatus || e instanceof ConnectException) {
            return false;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EOFException || t instanceof SocketException && !(t instanceof ConnectException)) {
                return true;
            }
        }
        return false;
    }

    private static ConnectException connectFailure(String message, IOException cause) {
        ConnectException failure = new ConnectException(message);
        failure.initCause(cause);
        return failure;
    }

    private static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    private static void sleep(long nanos) throws IOException {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            throw FileClient.interrupted(e);
        }
    }
}
