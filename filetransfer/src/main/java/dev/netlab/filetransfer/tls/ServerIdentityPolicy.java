package dev.netlab.filetransfer.tls;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Decides whether the client trusts the TLS identity a server presents, as ssh decides about host
 * keys: an explicit pin ({@code --tls-pin}) must match exactly and overrides the known-servers
 * file, which it neither reads nor writes; otherwise the fingerprint recorded for the server's
 * {@code host:port} must match, and a server never seen before is trusted and recorded (trust on
 * first use). Thread-safe.
 */
final class ServerIdentityPolicy {

    /** Why a presented identity was accepted. */
    enum Verdict {
        /** It equals {@code --tls-pin}. */
        PINNED,
        /** It equals the fingerprint in the known-servers file. */
        KNOWN,
        /** The server is not in the known-servers file yet: record it once the handshake is done. */
        FIRST_CONTACT,
        /** Accepted unchecked and reported, for a pairing that proves the identity itself. */
        OBSERVED
    }

    private final KnownServers knownServers;
    private final Fingerprint pin;
    private final Consumer<Fingerprint> observer;

    /** @param pin the fingerprint from {@code --tls-pin}, or null for trust on first use */
    ServerIdentityPolicy(KnownServers knownServers, Fingerprint pin) {
        this(knownServers, pin, null);
    }

    private ServerIdentityPolicy(KnownServers knownServers, Fingerprint pin, Consumer<Fingerprint> observer) {
        this.knownServers = knownServers;
        this.pin = pin;
        this.observer = observer;
    }

    /**
     * Accepts any identity and hands it to {@code observer}: for LAN pairing, which then proves
     * in the TLS connection that the server knows the code and binds that proof to this identity.
     * It neither reads nor writes the known-servers file; the pairing records a proven server.
     */
    static ServerIdentityPolicy observing(Consumer<Fingerprint> observer) {
        return new ServerIdentityPolicy(null, null, observer);
    }

    Verdict check(String key, Fingerprint presented) throws IOException {
        if (observer != null) {
            observer.accept(presented);
            return Verdict.OBSERVED;
        }
        if (pin != null) {
            if (!pin.equals(presented)) {
                throw pinMismatch(key, presented);
            }
            return Verdict.PINNED;
        }
        Optional<KnownServers.Entry> known = knownServers.lookup(key);
        if (known.isEmpty()) {
            return Verdict.FIRST_CONTACT;
        }
        if (!known.get().fingerprint().equals(presented)) {
            throw identityChanged(known.get(), presented);
        }
        return Verdict.KNOWN;
    }

    /**
     * Records a first-contact server after its handshake succeeded.
     *
     * @return the notice for the user, or empty when a parallel connection recorded it first
     */
    Optional<String> remember(String key, Fingerprint presented) throws IOException {
        KnownServers.Recorded recorded = knownServers.recordIfAbsent(key, presented);
        KnownServers.Entry entry = recorded.entry();
        if (!entry.fingerprint().equals(presented)) {
            throw identityChanged(entry, presented);
        }
        if (!recorded.added()) {
            return Optional.empty();
        }
        return Optional.of("tls: first contact with " + key + "; trusting its identity " + presented
                + " from now on (recorded in " + knownServers.file() + " line " + entry.lineNumber() + ")");
    }

    private ServerIdentityRefusedException pinMismatch(String key, Fingerprint presented) {
        return new ServerIdentityRefusedException("server at " + key + " presented TLS identity "
                + presented + " but --tls-pin is " + pin + "; refusing to connect", pin, presented);
    }

    private ServerIdentityRefusedException identityChanged(KnownServers.Entry known, Fingerprint presented) {
        return new ServerIdentityRefusedException("WARNING: the TLS identity of server " + known.key()
                + " has changed: " + knownServers.file() + " line " + known.lineNumber() + " records "
                + known.fingerprint() + " but the server presented " + presented
                + ". Someone may be intercepting the connection, or the server's identity was replaced;"
                + " refusing to connect. If the change is expected, delete that line (or pass --tls-pin "
                + presented + ").", known.fingerprint(), presented);
    }
}
