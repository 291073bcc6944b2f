package dev.netlab.livestream.sender;

import java.net.InetAddress;
import java.util.Arrays;

/**
 * Limits subscribe attempts (asking for a cookie, echoing one, or speaking another version),
 * per source IP address and in total, with token buckets. Each answer costs the server an
 * HMAC and sends one small datagram, so this caps both the CPU a flood can take and how many
 * challenges a forged source can draw to one victim. Per-address state is a fixed table of
 * {@link #ADDRESS_SLOTS} buckets that addresses hash into with a random seed, so its memory is
 * bounded however many addresses a flood forges; addresses that share a slot share its
 * bucket, which can only make the limit stricter. Not thread-safe: the control thread owns it.
 */
final class SubscribeRateLimit {

    /**
     * Attempts one IP address may make at once: the default 64 subscribers on one host (as
     * {@code fanout} runs them) each asking for and echoing a cookie, twice over for a lost round.
     */
    static final int PER_ADDRESS_BURST = 256;
    /** Sustained attempts per IP address: each of 64 receivers on one host subscribing once a second. */
    static final int PER_ADDRESS_PER_SECOND = 64;
    /** Attempts from all addresses at once: four hosts' full bursts. */
    static final int TOTAL_BURST = 1024;
    /**
     * Sustained attempts from all addresses: about 0.5 ms of HMAC a second on one core, and at
     * most 18 KB/s of challenges however many sources a flood forges.
     */
    static final int TOTAL_PER_SECOND = 512;
    /** Per-address buckets: a power of two, about 40 KB. */
    static final int ADDRESS_SLOTS = 1024;

    private final TokenBucket[] perAddress = new TokenBucket[ADDRESS_SLOTS];
    private final TokenBucket total;
    private final int seed;

    SubscribeRateLimit(int seed, long nowNanos) {
        this(seed, nowNanos, PER_ADDRESS_BURST, PER_ADDRESS_PER_SECOND, TOTAL_BURST, TOTAL_PER_SECOND);
    }

    SubscribeRateLimit(int seed, long nowNanos, int perAddressBurst, int perAddressPerSecond, int totalBurst,
                       int totalPerSecond) {
        this.seed = seed;
        for (int i = 0; i < ADDRESS_SLOTS; i++) {
            perAddress[i] = new TokenBucket(perAddressBurst, perAddressPerSecond, nowNanos);
        }
        this.total = new TokenBucket(totalBurst, totalPerSecond, nowNanos);
    }

    /** Whether an attempt from {@code source} may be answered now; it is counted if so. */
    boolean tryAcquire(InetAddress source, long nowNanos) {
        TokenBucket mine = perAddress[slotOf(source)];
        // Check both before taking from either, so a refused attempt costs no one a token.
        if (!mine.hasToken(nowNanos) || !total.hasToken(nowNanos)) {
            return false;
        }
        return mine.tryTake(nowNanos) && total.tryTake(nowNanos);
    }

    private int slotOf(InetAddress source) {
        int h = Arrays.hashCode(source.getAddress()) ^ seed;
        // murmur3's finaliser: every input bit moves every slot bit
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h & (ADDRESS_SLOTS - 1);
    }
}
