package dev.netlab.filetransfer.pairing;

import dev.netlab.filetransfer.protocol.ErrorCode;
import dev.netlab.filetransfer.protocol.PeerRefusedException;
import dev.netlab.filetransfer.tls.Fingerprint;
import dev.netlab.filetransfer.transport.PeerChannels;
import dev.netlab.filetransfer.transport.PeerProof;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.time.Duration;
import java.util.Optional;

/**
 * The server's side of one connection of a {@code --lan} server, in front of the transfer
 * protocol: {@link #prove} reads the client's first four bytes (which runs the deferred TLS
 * handshake) and, when they open a pairing, runs it against the {@link PairingCodeKeeper}'s code.
 * Any other client's four bytes are handed back to the protocol unread, which then asks it for a
 * token. Used by the connection's one session thread.
 */
final class PairingGate implements ReadableByteChannel, PeerProof {

    /** How long a pairing waits while other attempts use up the code's allowance. */
    static final Duration ATTEMPT_WAIT = Duration.ofSeconds(10);
    /** The most a refused client may still send while the server waits for it to close. */
    static final int REFUSAL_DRAIN_LIMIT = 64 * 1024;

    private final PeerChannels tls;
    private final PairingCodeKeeper keeper;
    private final Fingerprint own;
    private final String peer;
    private ByteBuffer handedBack = ByteBuffer.allocate(0);
    private Boolean proven;

    PairingGate(PeerChannels tls, PairingCodeKeeper keeper, Fingerprint own, String peer) {
        this.tls = tls;
        this.keeper = keeper;
        this.own = own;
        this.peer = peer;
    }

    @Override
    public boolean prove() throws IOException {
        if (proven != null) {
            return proven;
        }
        proven = false;
        PairingReader reader = new PairingReader(tls.in());
        ByteBuffer first = reader.readFully(Integer.BYTES, "the opening");
        if (first.getInt(0) != PairingFormat.MAGIC) {
            handedBack = first;
            return false;
        }
        int version = reader.openingVersion();
        if (version != PairingFormat.VERSION) {
            String reason = "this server speaks pairing version " + PairingFormat.VERSION + ", the client " + version
                    + "; run the same netlab version on both sides";
            new PairingWriter(tls.out()).refused(reason);
            awaitClientClose();
            throw new PeerRefusedException(ErrorCode.UNSUPPORTED_VERSION, "pairing refused: " + reason);
        }
        PairingCodeKeeper.Attempt attempt = begin();
        PairingExchange.Outcome outcome;
        try {
            outcome = PairingExchange.asServer(tls.in(), tls.out(), attempt.code(), own);
        } catch (IOException | RuntimeException e) {
            attempt.failed("broke off: " + e.getMessage());
            throw e;
        }
        switch (outcome) {
            case PAIRED -> {
                attempt.succeeded();
                proven = true;
                return true;
            }
            case WRONG_CODE -> {
                // Counted first, so a retired code's successor is printed before the client hears no.
                attempt.failed("wrong code");
                PairingExchange.refuse(tls.out(), outcome, own);
                awaitClientClose();
                throw new PeerRefusedException(ErrorCode.AUTH_FAILED, "pairing refused: wrong code");
            }
            default -> {
                attempt.failed("the client saw another TLS certificate");
                PairingExchange.refuse(tls.out(), outcome, own);
                awaitClientClose();
                throw new PeerRefusedException(ErrorCode.AUTH_FAILED,
                        "pairing refused: the client saw another TLS certificate; someone may be intercepting");
            }
        }
    }

    private PairingCodeKeeper.Attempt begin() throws IOException {
        Optional<PairingCodeKeeper.Attempt> attempt;
        try {
            attempt = keeper.begin(peer, ATTEMPT_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to pair");
        }
        if (attempt.isEmpty()) {
            new PairingWriter(tls.out()).refused("too many pairing attempts at once; try again");
            throw new PeerRefusedException(ErrorCode.AUTH_FAILED, "pairing refused: too many attempts at once");
        }
        return attempt.get();
    }

    /**
     * After a REFUSED, lets the client close first, so it reads the refusal instead of a reset (a
     * TLS close racing the refusal's record loses it). Bounded by {@link #REFUSAL_DRAIN_LIMIT}
     * bytes and by the connection's handshake deadline, whose watchdog closes a client that stays.
     */
    private void awaitClientClose() {
        ByteBuffer sink = ByteBuffer.allocate(4096);
        long drained = 0;
        try {
            while (drained < REFUSAL_DRAIN_LIMIT) {
                sink.clear();
                int n = tls.in().read(sink);
                if (n < 0) {
                    return;
                }
                drained += n;
            }
        } catch (IOException e) {
            // The client went away; that is all this waited for.
        }
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        prove();
        if (handedBack.hasRemaining()) {
            int n = Math.min(dst.remaining(), handedBack.remaining());
            dst.put(handedBack.slice(handedBack.position(), n));
            handedBack.position(handedBack.position() + n);
            return n;
        }
        return tls.in().read(dst);
    }

    @Override
    public boolean isOpen() {
        return tls.in().isOpen();
    }

    @Override
    public void close() throws IOException {
        tls.close();
    }
}
