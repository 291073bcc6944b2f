package dev.netlab.filetransfer.transport;

import java.time.Duration;

/**
 * When a connection last moved a byte either way, and how long it may stand still right now.
 * The connection's own thread sets the allowance (the read timeout while a request is under
 * way, the idle timeout between requests); the {@link ConnectionWatchdog} reads both.
 * Thread-safe.
 */
public final class ConnectionActivity {

    private volatile long lastProgressNanos = System.nanoTime();
    private volatile long allowedStillNanos;
    private volatile boolean timedOut;

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

    boolean expired(long nowNanos) {
        return nowNanos - lastProgressNanos > allowedStillNanos;
    }

    void markTimedOut() {
        timedOut = true;
    }

    /** True once the watchdog closed the connection for standing still too long. */
    public boolean timedOut() {
        return timedOut;
    }
}
