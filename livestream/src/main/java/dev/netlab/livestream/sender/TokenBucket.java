package dev.netlab.livestream.sender;

/**
 * A token bucket: it holds up to {@code burst} tokens, gains {@code perSecond} of them a
 * second, and an event may happen only when it can take one. Time is passed in (nanoTime),
 * so tests drive it without waiting. Not thread-safe: one thread owns it.
 */
final class TokenBucket {

    private final double burst;
    private final double perNano;
    private double tokens;
    private long lastNanos;

    TokenBucket(int burst, int perSecond, long nowNanos) {
        if (burst < 1 || perSecond < 1) {
            throw new IllegalArgumentException("token bucket of burst " + burst + ", " + perSecond + " per second");
        }
        this.burst = burst;
        this.perNano = perSecond / 1e9;
        this.tokens = burst;
        this.lastNanos = nowNanos;
    }

    /** Takes a token if there is one. */
    boolean tryTake(long nowNanos) {
        refill(nowNanos);
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }

    /** Whether a token is there now, without taking it. */
    boolean hasToken(long nowNanos) {
        refill(nowNanos);
        return tokens >= 1;
    }

    private void refill(long nowNanos) {
        long elapsed = nowNanos - lastNanos;
        if (elapsed > 0) {
            tokens = Math.min(burst, tokens + elapsed * perNano);
            lastNanos = nowNanos;
        }
    }
}
