package dev.netlab.filetransfer.server;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Who may hold a connection slot. Every accepted peer starts unauthenticated: {@link #admit}
 * gives it a {@link Permit} or drops it at once by the {@link AdmissionPolicy} (random early drop
 * beyond the startups, a hard cap per address and in all). A peer becomes a session only through
 * {@link Permit#authenticate()}, which moves it into one of the {@code maxSessions} slots of
 * authenticated connections; closing the permit frees whichever it holds. Anything that must
 * finish before a peer is trusted (the handshake and token proof today, LAN pairing later) runs
 * while the permit is unauthenticated, under the handshake deadline. Drops are counted, not
 * logged one by one: {@link #summary} turns the counts into one line. Thread-safe.
 */
public final class Admission {

    /** Why a peer was let go before it authenticated, as counted for the summary line. */
    public enum Drop {
        OVER_STARTUPS("over the startup limit"),
        OVER_PER_ADDRESS("over the per-address limit"),
        HANDSHAKE_DEADLINE("past the handshake deadline"),
        NO_SESSION_SLOT("found every session slot taken"),
        FAILED_HANDSHAKE("failed or left the handshake");

        private final String text;

        Drop(String text) {
            this.text = text;
        }
    }

    private final AdmissionPolicy policy;
    private final int maxSessions;
    private final Semaphore sessions;
    private final Object lock = new Object();
    /** Guarded by lock. */
    private int pending;
    /** Unauthenticated peers per address; guarded by lock, entries removed at zero so it stays bounded. */
    private final Map<InetAddress, Integer> pendingByAddress = new HashMap<>();
    private final AtomicInteger[] drops = new AtomicInteger[Drop.values().length];
    /** When {@link #summary} last ran; guarded by lock. */
    private long lastSummaryNanos = System.nanoTime();

    public Admission(AdmissionPolicy policy, int maxSessions) {
        this.policy = policy;
        this.maxSessions = maxSessions;
        this.sessions = new Semaphore(maxSessions);
        for (int i = 0; i < drops.length; i++) {
            drops[i] = new AtomicInteger();
        }
    }

    public AdmissionPolicy policy() {
        return policy;
    }

    /** @return the new peer's permit, or null when it is to be dropped at once (counted) */
    public Permit admit(InetAddress from) {
        synchronized (lock) {
            int fromThere = pendingByAddress.getOrDefault(from, 0);
            if (fromThere >= policy.maxPerAddress()) {
                count(Drop.OVER_PER_ADDRESS);
                return null;
            }
            int chance = policy.dropChance(pending);
            if (chance > 0 && ThreadLocalRandom.current().nextInt(100) < chance) {
                count(Drop.OVER_STARTUPS);
                return null;
            }
            pending++;
            pendingByAddress.put(from, fromThere + 1);
            return new Permit(from, System.nanoTime() + policy.handshakeTimeout().toNanos());
        }
    }

    public void count(Drop reason) {
        drops[reason.ordinal()].incrementAndGet();
    }

    /** Peers that have not authenticated yet, right now. */
    public int pending() {
        synchronized (lock) {
            return pending;
        }
    }

    /**
     * One line of what was dropped since the last call, e.g. {@code dropped 212 peers before they
     * authenticated in the last 10 s: 170 over the startup limit (10:30:40), 32 past the handshake
     * deadline (5000 ms), ...}; null when nothing was.
     */
    public String summary() {
        long period;
        synchronized (lock) {
            long now = System.nanoTime();
            period = now - lastSummaryNanos;
            lastSummaryNanos = now;
        }
        List<String> parts = new ArrayList<>();
        int total = 0;
        for (Drop reason : Drop.values()) {
            int n = drops[reason.ordinal()].getAndSet(0);
            if (n > 0) {
                total += n;
                parts.add(n + " " + reason.text + detail(reason));
            }
        }
        if (total == 0) {
            return null;
        }
        return "dropped " + total + " peers before they authenticated in the last "
                + Math.max(1, Math.round(period / 1e9)) + " s: " + String.join(", ", parts);
    }

    private String detail(Drop reason) {
        return switch (reason) {
            case OVER_STARTUPS -> " (" + policy.startups() + ":" + policy.dropPercent() + ":" + policy.maxUnauthenticated() + ")";
            case OVER_PER_ADDRESS -> " (" + policy.maxPerAddress() + ")";
            case HANDSHAKE_DEADLINE -> " (" + policy.handshakeTimeout().toMillis() + " ms)";
            case NO_SESSION_SLOT -> " (" + maxSessions + ")";
            case FAILED_HANDSHAKE -> "";
        };
    }

    private void releasePending(InetAddress from) {
        synchronized (lock) {
            pending--;
            pendingByAddress.computeIfPresent(from, (address, n) -> n == 1 ? null : n - 1);
        }
    }

    /**
     * One admitted peer's place: unauthenticated until {@link #authenticate()} succeeds, then a
     * session slot. Used by the peer's own thread, except {@link #close()}, which any thread may call.
     */
    public final class Permit implements AutoCloseable {

        private final InetAddress from;
        private final long deadlineNanos;
        private boolean pendingHeld = true;
        private boolean sessionHeld;

        private Permit(InetAddress from, long deadlineNanos) {
            this.from = from;
            this.deadlineNanos = deadlineNanos;
        }

        /** Time left until the handshake deadline; zero or negative once it passed. */
        public Duration untilDeadline() {
            return Duration.ofNanos(deadlineNanos - System.nanoTime());
        }

        public boolean authenticated() {
            synchronized (this) {
                return sessionHeld;
            }
        }

        /**
         * The peer proved itself: trade the unauthenticated place for a session slot, waiting for
         * one at most until the handshake deadline (the place is held meanwhile, so waiting peers
         * stay bounded too).
         *
         * @return false when no session slot freed in time (counted); the caller refuses the peer
         */
        public boolean authenticate() throws InterruptedException {
            long wait = Math.max(0, deadlineNanos - System.nanoTime());
            if (!sessions.tryAcquire(wait, TimeUnit.NANOSECONDS)) {
                count(Drop.NO_SESSION_SLOT);
                return false;
            }
            synchronized (this) {
                if (!pendingHeld) { // closed while waiting
                    sessions.release();
                    return false;
                }
                sessionHeld = true;
                pendingHeld = false;
            }
            releasePending(from);
            return true;
        }

        /** Counts this peer as let go before it authenticated, for the summary line. */
        public void dropped(Drop reason) {
            count(reason);
        }

        /** Frees whatever this permit holds; safe more than once. */
        @Override
        public void close() {
            boolean wasPending;
            boolean wasSession;
            synchronized (this) {
                wasPending = pendingHeld;
                wasSession = sessionHeld;
                pendingHeld = false;
                sessionHeld = false;
            }
            if (wasPending) {
                releasePending(from);
            }
            if (wasSession) {
                sessions.release();
            }
        }
    }
}
