package dev.netlab.filetransfer.server;

import java.time.Duration;

/**
 * How {@link Admission} treats peers that have not yet finished the handshake and
 * authentication, after sshd's {@code LoginGraceTime}, {@code MaxStartups start:rate:full} and
 * {@code PerSourceMaxStartups}: each gets {@code handshakeTimeout} in all to authenticate; up to
 * {@code startups} of them are admitted freely, beyond that a new one is dropped with a
 * probability rising linearly from {@code dropPercent}% to 100% at {@code maxUnauthenticated};
 * and one address may hold at most {@code maxPerAddress} of them. Authenticated connections are
 * counted apart, against {@code --max-connections}, so peers that never authenticate cannot take
 * their slots.
 */
public record AdmissionPolicy(Duration handshakeTimeout, int startups, int dropPercent, int maxUnauthenticated,
                              int maxPerAddress) {

    /**
     * 5 s: a LAN handshake, TLS and token proof included, takes milliseconds; five seconds leaves a
     * loaded or distant peer ample room, while a silent peer holds a slot six times shorter than
     * the 30 s read timeout did.
     */
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(5);
    /** sshd's 10:30:100 scaled to a server whose every pending peer costs a thread. */
    public static final int DEFAULT_STARTUPS = 10;
    public static final int DEFAULT_DROP_PERCENT = 30;
    public static final int DEFAULT_MAX_UNAUTHENTICATED = 40;
    /**
     * 8 handshakes in progress per address: a {@code send --streams N} client connects all its
     * streams at once, and the ones beyond 8 retry within milliseconds; a flooding host gets no
     * more than a fifth of the pending slots.
     */
    public static final int DEFAULT_MAX_PER_ADDRESS = 8;

    public static final AdmissionPolicy DEFAULTS = new AdmissionPolicy(DEFAULT_HANDSHAKE_TIMEOUT, DEFAULT_STARTUPS,
            DEFAULT_DROP_PERCENT, DEFAULT_MAX_UNAUTHENTICATED, DEFAULT_MAX_PER_ADDRESS);

    public AdmissionPolicy {
        if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
            throw new IllegalArgumentException("handshake timeout " + handshakeTimeout + " must be positive");
        }
        if (startups < 1 || startups > maxUnauthenticated || dropPercent < 0 || dropPercent > 100 || maxPerAddress < 1) {
            throw new IllegalArgumentException("admission " + startups + ":" + dropPercent + ":" + maxUnauthenticated
                    + " per address " + maxPerAddress + " not allowed");
        }
    }

    public AdmissionPolicy withHandshakeTimeout(Duration timeout) {
        return new AdmissionPolicy(timeout, startups, dropPercent, maxUnauthenticated, maxPerAddress);
    }

    public AdmissionPolicy withLimits(int newStartups, int newDropPercent, int newMaxUnauthenticated, int newMaxPerAddress) {
        return new AdmissionPolicy(handshakeTimeout, newStartups, newDropPercent, newMaxUnauthenticated, newMaxPerAddress);
    }

    /** The chance, in percent, that a new peer is dropped while {@code pending} others are unauthenticated. */
    int dropChance(int pending) {
        if (pending < startups) {
            return 0;
        }
        if (pending >= maxUnauthenticated) {
            return 100;
        }
        return dropPercent + (100 - dropPercent) * (pending - startups) / (maxUnauthenticated - startups);
    }
}
