package dev.netlab.filetransfer.pairing;

import dev.netlab.common.frame.ProtocolViolationException;
import dev.netlab.filetransfer.tls.Fingerprint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channel;
import java.nio.channels.Pipe;
import java.util.concurrent.CompletableFuture;

/**
 * One whole pairing exchange over in-memory pipes, no sockets and no TLS: the client on a thread
 * of its own, the server (as {@link #SERVER}) on the caller's. Shared by {@link PairingExchangeTest}
 * and {@link PairingExchangeTiming}, so it uses no assertion library that would load into a timing.
 */
final class PipedPairing {

    /** The certificate fingerprint the server side pairs as. */
    static final Fingerprint SERVER = Fingerprint.ofDigest(new byte[32]);

    private PipedPairing() {
    }

    /** The server's outcome, after the client side ran with {@code clientCode} seeing {@code seen}. */
    static PairingExchange.Outcome exchange(PairingCode serverCode, PairingCode clientCode, Fingerprint seen,
                                            CompletableFuture<Throwable> clientFailure) throws Exception {
        Pipe toServer = Pipe.open();
        Pipe toClient = Pipe.open();
        Thread client = new Thread(() -> {
            try {
                PairingExchange.asClient(toClient.source(), toServer.sink(), clientCode, seen);
                clientFailure.complete(null);
            } catch (Throwable e) {
                clientFailure.complete(e);
            } finally {
                close(toServer.sink());
            }
        });
        client.start();
        try {
            ByteBuffer opening = new PairingReader(toServer.source()).readFully(PairingFormat.OPENING_LENGTH, "the opening");
            if (opening.getInt() != PairingFormat.MAGIC || opening.get() != PairingFormat.VERSION) {
                throw new ProtocolViolationException("the client opened with " + opening.rewind());
            }
            PairingExchange.Outcome outcome = PairingExchange.asServer(toServer.source(), toClient.sink(), serverCode,
                    SERVER);
            if (outcome != PairingExchange.Outcome.PAIRED) {
                PairingExchange.refuse(toClient.sink(), outcome, SERVER);
            }
            return outcome;
        } finally {
            close(toClient.sink());
            client.join(30_000);
            close(toServer.source());
            close(toClient.source());
        }
    }

    static void close(Channel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // test teardown
        }
    }
}
