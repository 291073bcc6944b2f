package dev.netlab.filetransfer.transport;

import java.time.Duration;

/**
 * When a connection last moved a byte either way, and how long it may stand still right now.
 * The connection's own thread sets the allowance (the read timeout while a request is under
 * way, the idle timeout between requests), and may add a hard deadline that progress does not
 * move (the handshake deadline, which a peer dripping one byte at a time cannot stretch); the
 * {@link ConnectionWatchdog} reads them. Thread-safe.
 */
public final class ConnectionActivity {

    private volatile long lastProgressNanos = System.nanoTime();
    private volatile long allowedStillNanos;
    private volatile boolean timedOut;
    private volatile boolean hasDeadline;
    private volatile long deadlineNanos;

    public ConnectionActivity(Duration allowedStill) {
        allow(allowedStill);
    }

    public void touch() {
        lastProgressNanos = System.nanoTime();
    }

    /** Sets how long the connection may now go without progress; counts from now. */
    public void allow(Duration allowedStill) {
        allowedStillNanos = allowedStill.toNanos();
        touch();
    }

    public Duration allowed() {
        return Duration.ofNanos(allowedStillNanos);
    }

    /** The connection must be done with its current phase within {@code within}, progress or not. */
    public void deadline(Duration within) {
        deadlineNanos = System.nanoTime() + within.toNanos();
        hasDeadline = true;
    }

    public void clearDeadline() {
        hasDeadline = false;
    }

    boolean expired(long nowNanos) {
        return nowNanos - lastProgressNanos > allowedStillNanos || hasDeadline && nowNanos - deadlineNanos > 0;
    }

    void markTimedOut() {
        timedOut = true;
    }

    /** True once the watchdog closed the connection for standing still too long. */
    public boolean timedOut() {
        return timedOut;
    }
}
