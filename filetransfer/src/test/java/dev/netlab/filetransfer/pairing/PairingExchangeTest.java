package dev.netlab.filetransfer.pairing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netlab.common.frame.ProtocolViolationException;
import dev.netlab.filetransfer.tls.Fingerprint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Both sides of the J-PAKE exchange over in-memory pipes: no sockets, no TLS. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PairingExchangeTest {

    private static final Fingerprint SERVER = Fingerprint.ofDigest(new byte[32]);
    private static final Fingerprint OTHER = Fingerprint.ofDigest(filled(7));

    private static byte[] filled(int value) {
        byte[] b = new byte[32];
        java.util.Arrays.fill(b, (byte) value);
        return b;
    }

    /** The server's outcome, after the client side ran with {@code clientCode} seeing {@code seen}. */
    private static PairingExchange.Outcome exchange(PairingCode serverCode, PairingCode clientCode, Fingerprint seen,
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
            ByteBuffer opening = ByteBuffer.allocate(PairingFormat.OPENING_LENGTH);
            while (opening.hasRemaining()) {
                toServer.source().read(opening);
            }
            assertThat(opening.getInt(0)).isEqualTo(PairingFormat.MAGIC);
            PairingExchange.Outcome outcome = PairingExchange.asServer(toServer.source(), toClient.sink(), serverCode,
                    SERVER);
            if (outcome != PairingExchange.Outcome.PAIRED) {
                PairingExchange.refuse(toClient.sink(), outcome, SERVER);
            }
            return outcome;
        } finally {
            close(toClient.sink());
            client.join(30_000);
        }
    }

    private static void close(java.nio.channels.Channel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // test teardown
        }
    }

    @Test
    void theSameCodeAndCertificatePair() throws Exception {
        PairingCode code = PairingCode.generate();
        CompletableFuture<Throwable> client = new CompletableFuture<>();
        assertThat(exchange(code, PairingCode.parse(code.reveal()), SERVER, client)).isEqualTo(PairingExchange.Outcome.PAIRED);
        assertThat(client.get()).isNull();
    }

    @Test
    void aWrongCodeIsTheServersOutcomeAndTheClientsRefusal() throws Exception {
        CompletableFuture<Throwable> client = new CompletableFuture<>();
        assertThat(exchange(PairingCode.parse("1111-maple-otter-quartz"), PairingCode.parse("1111-maple-otter-quarts"),
                SERVER, client)).isEqualTo(PairingExchange.Outcome.WRONG_CODE);
        assertThat(client.get()).isInstanceOf(PairingRefusedException.class).hasMessage("pairing refused: wrong code");
    }

    @Test
    void aClientThatSawAnotherCertificateIsRefusedEvenWithTheRightCode() throws Exception {
        PairingCode code = PairingCode.generate();
        CompletableFuture<Throwable> client = new CompletableFuture<>();
        assertThat(exchange(code, code, OTHER, client)).isEqualTo(PairingExchange.Outcome.OTHER_CERTIFICATE);
        assertThat(client.get()).isInstanceOf(PairingRefusedException.class)
                .hasMessage("pairing refused: the client saw another TLS certificate than this server's " + SERVER
                        + "; someone may be intercepting the connection");
    }

    @Test
    void theConfirmationKeyDependsOnTheFingerprint() {
        java.math.BigInteger material = java.math.BigInteger.valueOf(123456789);
        assertThat(PairingExchange.bind(material, SERVER)).isNotEqualTo(PairingExchange.bind(material, OTHER));
    }

    @Test
    void anOversizedMessageLengthIsRefusedBeforeAnyAllocation() throws Exception {
        Pipe pipe = Pipe.open();
        pipe.sink().write(ByteBuffer.allocate(3).put((byte) PairingFormat.HELLO_ROUND_1).putShort((short) 0xFFFF).flip());
        assertThatThrownBy(() -> new PairingReader(pipe.source()).expect(PairingFormat.HELLO_ROUND_1))
                .isInstanceOf(ProtocolViolationException.class).hasMessage("pairing message length 65535 > max 4096");
    }

    @Test
    void aNumberLongerThanItsCapIsRefused() throws Exception {
        ByteBuffer body = ByteBuffer.allocate(8).put((byte) 1).put((byte) 'x').putShort((short) 401).flip();
        assertThatThrownBy(() -> PairingReader.round3(body)).isInstanceOf(ProtocolViolationException.class)
                .hasMessage("number of 401 bytes outside 1..400");
    }

    @Test
    void aTruncatedRoundIsRefused() throws Exception {
        ByteBuffer body = ByteBuffer.allocate(3).put((byte) 5).put((byte) 'a').put((byte) 'b').flip();
        assertThatThrownBy(() -> PairingReader.round1(body)).isInstanceOf(ProtocolViolationException.class)
                .hasMessage("pairing message ends inside a field");
    }
}
